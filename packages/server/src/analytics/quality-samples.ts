import type { CallStatsSample } from '@minimeet/contract';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { CallEvent, type StatsReported } from '../calls/calls.events';
import { OnDomainEvent } from '../common/domain-events';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CallParticipantEntity } from '../database/entities/call-participant.entity';
import { CallQualitySampleEntity } from '../database/entities/call-quality-sample.entity';

type NewSample = Omit<CallQualitySampleEntity, 'id'>;

interface Pending {
  report: StatsReported;
  /** Flushes tried: a report whose participant row is not written yet gets one more. */
  tries: number;
}

/** Written at least this often, and at once when this many reports wait. */
const FLUSH_INTERVAL_MS = 5_000;
const FLUSH_AT = 500;
const INSERT_CHUNK = 400;
const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Keeps the quality samples clients report, for timelines. Reports are buffered and written in
 * multi-row INSERTs every few seconds (the socket path only pushes to an array); samples older
 * than QUALITY_RETENTION_DAYS are deleted hourly.
 */
@Injectable()
export class QualitySamples implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('QualitySamples');
  private pending: Pending[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @InjectRepository(CallQualitySampleEntity)
    private readonly samples: Repository<CallQualitySampleEntity>,
    @InjectRepository(CallParticipantEntity)
    private readonly participants: Repository<CallParticipantEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers = [
      setInterval(() => void this.flush(), FLUSH_INTERVAL_MS),
      setInterval(() => void this.prune(), PRUNE_INTERVAL_MS),
    ];
    for (const timer of this.timers) timer.unref();
    void this.prune();
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.flush();
  }

  @OnDomainEvent(CallEvent.StatsReported)
  reported(report: StatsReported): void {
    this.pending.push({ report, tries: 0 });
    if (this.pending.length >= FLUSH_AT) void this.flush();
  }

  /** Writes what is buffered (after any write under way). Never rejects. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /** Deletes samples past the retention. Never rejects. */
  async prune(now = Date.now()): Promise<void> {
    const before = new Date(now - this.config.qualityRetentionDays * 86_400_000);
    try {
      const result = await this.samples.delete({ at: LessThan(before) });
      if (result.affected) this.logger.log(`pruned ${result.affected} quality samples`);
    } catch (e) {
      this.logger.warn(`pruning quality samples failed: ${message(e)}`);
    }
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const peerIds = [...new Set(batch.map((p) => p.report.peerId))];
      const stays = await this.participants.find({
        where: { peerId: In(peerIds) },
        select: ['id', 'callId', 'peerId'],
      });
      const byPeer = new Map(stays.map((s) => [s.peerId, s]));
      const rows: NewSample[] = [];
      for (const p of batch) {
        const stay = byPeer.get(p.report.peerId);
        if (!stay) {
          if (p.tries === 0) this.pending.push({ report: p.report, tries: 1 });
          continue;
        }
        for (const s of p.report.samples) rows.push(toRow(stay, p.report, s));
      }
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await this.samples
          .createQueryBuilder()
          .insert()
          .values(rows.slice(i, i + INSERT_CHUNK))
          .updateEntity(false)
          .execute();
      }
    } catch (e) {
      this.logger.warn(`writing ${batch.length} quality reports failed: ${message(e)}`);
    }
  }
}

const metric = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

function toRow(
  stay: Pick<CallParticipantEntity, 'id' | 'callId'>,
  report: StatsReported,
  s: CallStatsSample,
): NewSample {
  return {
    callId: stay.callId,
    participantId: stay.id,
    userId: report.userId,
    at: report.at,
    bitrateKbps: metric(s.bitrateKbps),
    packetLossPct: metric(s.packetLossPct),
    rttMs: metric(s.rttMs),
    frameRate: metric(s.frameRate),
  };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
