import type { CallRecord } from '@minimeet/contract';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, Repository } from 'typeorm';
import { CallParticipantEntity } from '../database/entities/call-participant.entity';
import { CallSessionEntity } from '../database/entities/call-session.entity';
import { UserEntity } from '../database/entities/user.entity';
import { RoomsService } from '../rooms/rooms.service';
import { toCallRecord } from './call.mapper';
import type { QualityAggregate } from './call-quality';
import type { CallInfo, CallPeerEntry } from './call.store';
import { KeyedQueue } from './keyed-queue';

export const CALL_HISTORY_PAGE = 50;

/**
 * Persists calls: sessions and each peer's stay. Writes of one call (and of one peer) run in
 * order, so a quick join-then-leave never updates a row before it is inserted. Lifecycle writes
 * log their failures instead of throwing: a broken record must not break the call.
 */
@Injectable()
export class CallHistoryService {
  private readonly logger = new Logger('CallHistory');
  private readonly queue = new KeyedQueue();

  constructor(
    @InjectRepository(CallSessionEntity) private readonly sessions: Repository<CallSessionEntity>,
    @InjectRepository(CallParticipantEntity)
    private readonly participants: Repository<CallParticipantEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly rooms: RoomsService,
  ) {}

  callStarted(call: CallInfo): Promise<void> {
    return this.write(call.callId, 'call start', async () => {
      await this.sessions.insert({
        id: call.callId,
        roomId: call.roomId,
        startedAt: new Date(call.startedAt),
        endedAt: null,
      });
    });
  }

  callEnded(callId: string, at = new Date()): Promise<void> {
    return this.write(callId, 'call end', async () => {
      await this.sessions.update({ id: callId, endedAt: IsNull() }, { endedAt: at });
    });
  }

  peerJoined(callId: string, peer: CallPeerEntry): Promise<void> {
    return this.write(peer.peerId, 'peer join', async () => {
      await this.participants.insert({
        id: randomUUID(),
        callId,
        userId: peer.userId,
        peerId: peer.peerId,
        joinedAt: new Date(peer.joinedAt),
        leftAt: null,
      });
    });
  }

  peerLeft(peerId: string, at = new Date()): Promise<void> {
    return this.write(peerId, 'peer leave', async () => {
      await this.participants.update({ peerId, leftAt: IsNull() }, { leftAt: at });
    });
  }

  /** Adds a batch of samples to the peer's running sums, in one UPDATE. */
  addStats(peerId: string, a: QualityAggregate): Promise<void> {
    if (a.samples === 0) return Promise.resolve();
    return this.queue.run(peerId, async () => {
      await this.participants
        .createQueryBuilder()
        .update(CallParticipantEntity)
        .set({
          statsSamples: () => 'stats_samples + :samples',
          rttMsSum: () => 'rtt_ms_sum + :rttSum',
          rttMsCount: () => 'rtt_ms_count + :rttCount',
          packetLossPctSum: () => 'packet_loss_pct_sum + :lossSum',
          packetLossPctCount: () => 'packet_loss_pct_count + :lossCount',
          bitrateKbpsSum: () => 'bitrate_kbps_sum + :bitrateSum',
          bitrateKbpsCount: () => 'bitrate_kbps_count + :bitrateCount',
          frameRateSum: () => 'frame_rate_sum + :fpsSum',
          frameRateCount: () => 'frame_rate_count + :fpsCount',
        })
        .where('peer_id = :peerId', { peerId })
        .setParameters({ ...a })
        .execute();
    });
  }

  /** Queues a write of the call's record; it never rejects: the call goes on if the record fails. */
  private async write(key: string, what: string, task: () => Promise<void>): Promise<void> {
    try {
      await this.queue.run(key, task);
    } catch (e) {
      this.logger.warn(
        `call history (${what}) failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /** The user's stays not ended yet (any room): where to look for a live call peer. */
  async openStays(userId: string): Promise<{ roomId: string; peerId: string }[]> {
    return this.participants
      .createQueryBuilder('p')
      .innerJoin(CallSessionEntity, 's', 's.id = p.callId')
      .select('s.roomId', 'roomId')
      .addSelect('p.peerId', 'peerId')
      .where('p.userId = :userId AND p.leftAt IS NULL', { userId })
      .orderBy('p.joinedAt', 'DESC')
      .limit(20)
      .getRawMany<{ roomId: string; peerId: string }>();
  }

  /** The room's calls for one of its members (FORBIDDEN otherwise). */
  async listFor(userId: string, roomId: string): Promise<CallRecord[]> {
    await this.rooms.assertMember(roomId, userId);
    return this.list(roomId);
  }

  /** The room's calls, newest first, with who took part and how it went. */
  async list(roomId: string, limit = CALL_HISTORY_PAGE): Promise<CallRecord[]> {
    const sessions = await this.sessions.find({
      where: { roomId },
      order: { startedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    if (sessions.length === 0) return [];
    const participants = await this.participants.find({
      where: { callId: In(sessions.map((s) => s.id)) },
      order: { joinedAt: 'ASC', id: 'ASC' },
    });
    const userIds = [...new Set(participants.map((p) => p.userId))];
    const users = userIds.length
      ? await this.users.find({ where: { id: In(userIds) }, select: ['id', 'username'] })
      : [];
    const names = new Map(users.map((u) => [u.id, u.username]));
    const byCall = new Map<string, CallParticipantEntity[]>();
    for (const p of participants) byCall.set(p.callId, [...(byCall.get(p.callId) ?? []), p]);
    return sessions.map((s) => toCallRecord(s, byCall.get(s.id) ?? [], names));
  }
}
