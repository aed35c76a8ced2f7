import type {
  CallQualityResponse,
  ParticipantQualityTimeline,
  QualityPoint,
} from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { CallParticipantEntity } from '../database/entities/call-participant.entity';
import { CallQualitySampleEntity } from '../database/entities/call-quality-sample.entity';
import { CallSessionEntity } from '../database/entities/call-session.entity';
import { UserEntity } from '../database/entities/user.entity';
import { RoomsService } from '../rooms/rooms.service';
import { QualitySamples } from './quality-samples';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SAMPLES = 20_000;
type Metric = 'bitrateKbps' | 'packetLossPct' | 'rttMs' | 'frameRate';
const METRICS: Metric[] = ['bitrateKbps', 'packetLossPct', 'rttMs', 'frameRate'];

/** A call's quality over time, per participant, for the members of its room. */
@Injectable()
export class QualityTimelineService {
  constructor(
    @InjectRepository(CallSessionEntity) private readonly sessions: Repository<CallSessionEntity>,
    @InjectRepository(CallParticipantEntity)
    private readonly participants: Repository<CallParticipantEntity>,
    @InjectRepository(CallQualitySampleEntity)
    private readonly samples: Repository<CallQualitySampleEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly rooms: RoomsService,
    private readonly buffer: QualitySamples,
  ) {}

  async timeline(userId: string, roomId: string, callId: string): Promise<CallQualityResponse> {
    await this.rooms.assertMember(roomId, userId);
    const call = UUID.test(callId) ? await this.sessions.findOneBy({ id: callId, roomId }) : null;
    if (!call) throw AppError.notFound('Call');
    // What this process still holds in its buffer is written first, so a call just over shows whole.
    await this.buffer.flush();
    const [stays, rows] = await Promise.all([
      this.participants.find({ where: { callId }, order: { joinedAt: 'ASC', id: 'ASC' } }),
      this.samples.find({ where: { callId }, order: { at: 'ASC', id: 'ASC' }, take: MAX_SAMPLES }),
    ]);
    const userIds = [...new Set(stays.map((s) => s.userId))];
    const names = new Map(
      (userIds.length
        ? await this.users.find({ where: { id: In(userIds) }, select: ['id', 'username'] })
        : []
      ).map((u) => [u.id, u.username]),
    );
    const byStay = new Map<string, CallQualitySampleEntity[]>();
    for (const r of rows) byStay.set(r.participantId, [...(byStay.get(r.participantId) ?? []), r]);
    const participants: ParticipantQualityTimeline[] = stays.map((s) => ({
      participantId: s.id,
      user: { id: s.userId, username: names.get(s.userId) ?? 'unknown' },
      joinedAt: s.joinedAt.toISOString(),
      leftAt: s.leftAt?.toISOString() ?? null,
      points: toPoints(byStay.get(s.id) ?? []),
    }));
    return {
      callId,
      roomId,
      startedAt: call.startedAt.toISOString(),
      endedAt: call.endedAt?.toISOString() ?? null,
      participants,
    };
  }
}

/**
 * One point per report: a client measures each peer it receives, so the samples of one moment are
 * averaged (a metric none of them had stays null).
 */
function toPoints(rows: readonly CallQualitySampleEntity[]): QualityPoint[] {
  const byAt = new Map<number, CallQualitySampleEntity[]>();
  for (const r of rows) {
    const at = r.at.getTime();
    byAt.set(at, [...(byAt.get(at) ?? []), r]);
  }
  return [...byAt].map(([at, group]) => {
    const point: QualityPoint = {
      at: new Date(at).toISOString(),
      bitrateKbps: null,
      packetLossPct: null,
      rttMs: null,
      frameRate: null,
    };
    for (const m of METRICS) {
      const values = group.map((g) => g[m]).filter((v): v is number => v !== null);
      if (values.length > 0)
        point[m] = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
    }
    return point;
  });
}
