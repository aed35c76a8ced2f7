import type { CallParticipantRecord, CallPeer, CallRecord } from '@minimeet/contract';
import type { CallParticipantEntity } from '../database/entities/call-participant.entity';
import type { CallSessionEntity } from '../database/entities/call-session.entity';
import { summarize } from './call-quality';
import type { CallPeerEntry } from './call.store';

export const toCallPeer = (p: CallPeerEntry): CallPeer => ({
  peerId: p.peerId,
  userId: p.userId,
  username: p.username,
  media: { ...p.media },
});

export const toCallParticipantRecord = (
  p: CallParticipantEntity,
  username: string,
): CallParticipantRecord => ({
  user: { id: p.userId, username },
  joinedAt: p.joinedAt.toISOString(),
  leftAt: p.leftAt?.toISOString() ?? null,
  quality: summarize({
    samples: Number(p.statsSamples),
    rttSum: Number(p.rttMsSum),
    rttCount: Number(p.rttMsCount),
    lossSum: Number(p.packetLossPctSum),
    lossCount: Number(p.packetLossPctCount),
    bitrateSum: Number(p.bitrateKbpsSum),
    bitrateCount: Number(p.bitrateKbpsCount),
    fpsSum: Number(p.frameRateSum),
    fpsCount: Number(p.frameRateCount),
  }),
});

export function toCallRecord(
  session: CallSessionEntity,
  participants: readonly CallParticipantEntity[],
  usernames: ReadonlyMap<string, string>,
): CallRecord {
  const { startedAt, endedAt } = session;
  return {
    id: session.id,
    roomId: session.roomId,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt?.toISOString() ?? null,
    durationSeconds: endedAt
      ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000))
      : null,
    participants: participants.map((p) =>
      toCallParticipantRecord(p, usernames.get(p.userId) ?? 'unknown'),
    ),
  };
}
