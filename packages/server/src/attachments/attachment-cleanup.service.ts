import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository, type FindOptionsWhere } from 'typeorm';
import { OnDomainEvent } from '../common/domain-events';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AttachmentEntity } from '../database/entities/attachment.entity';
import { RoomEvent, type RoomDeleted } from '../rooms/rooms.events';
import { thumbnailKey } from './attachment.mapper';
import { BLOB_STORE, type BlobStore } from './blob-store';

/** Rows read at a time. */
const BATCH = 200;
/** Longest time between two sweeps (shorter when the TTL is). */
const MAX_INTERVAL_MS = 10 * 60_000;

type Doomed = Pick<AttachmentEntity, 'id' | 'storageKey' | 'width'>;

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Deletes the attachments nobody can ever see again, row first, then blob and thumbnail:
 * - uploads never sent with a message within ATTACHMENT_ORPHAN_TTL_MINUTES (the user cancelled,
 *   closed the tab), by a periodic sweep, so they stop counting against the uploader's quota;
 * - the files of a deleted room (its messages are deleted for good), as soon as it is deleted.
 *
 * Several server processes may sweep at once: a row is deleted on a condition that still holds
 * only while it is unsent (`message_id IS NULL AND created_at < cutoff`), one by one, and its
 * blobs are removed only when this process's DELETE removed the row. An upload linked to a message
 * at the same moment therefore stays; a row another process removed first is skipped. A blob that
 * cannot be removed is logged with its key and left behind; nothing else fails.
 */
@Injectable()
export class AttachmentCleanup implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AttachmentCleanup.name);
  private timer?: NodeJS.Timeout;
  /** The cleanups of this process run one after the other: the last one queued. */
  private tail: Promise<unknown> = Promise.resolve();
  private ticking = false;
  private closing = false;

  constructor(
    @InjectRepository(AttachmentEntity) private readonly rows: Repository<AttachmentEntity>,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const ttlMs = this.config.attachments.orphanTtlMinutes * 60_000;
    this.timer = setInterval(() => this.tick(), Math.min(ttlMs, MAX_INTERVAL_MS));
    this.timer.unref();
  }

  /** No new sweep; the running cleanup ends after its current row, while the database is up. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    await this.tail;
  }

  /**
   * Deletes the uploads still unsent ATTACHMENT_ORPHAN_TTL_MINUTES before `now`, with their blobs;
   * resolves with how many this process removed, once the cleanups queued before it are done.
   */
  sweep(now = new Date()): Promise<number> {
    return this.queue(() => this.removeUnsent(now));
  }

  /** The room's messages are gone for good: so are their files (and the room's unsent uploads). */
  @OnDomainEvent(RoomEvent.Deleted)
  roomDeleted(e: RoomDeleted): void {
    this.queue(() => this.removeAll({ roomId: e.roomId })).then(
      (removed) => {
        if (removed > 0)
          this.logger.log(`room ${e.roomId} deleted: removed its ${removed} attachments`);
      },
      (error: unknown) =>
        this.logger.warn(`removing the attachments of room ${e.roomId} failed: ${describe(error)}`),
    );
  }

  private tick(): void {
    if (this.ticking || this.closing) return;
    this.ticking = true;
    this.sweep()
      .catch((error: unknown) => this.logger.warn(`attachment sweep failed: ${describe(error)}`))
      .finally(() => (this.ticking = false));
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async removeUnsent(now: Date): Promise<number> {
    const ttl = this.config.attachments.orphanTtlMinutes;
    const cutoff = new Date(now.getTime() - ttl * 60_000);
    const removed = await this.removeAll({ messageId: IsNull(), createdAt: LessThan(cutoff) });
    if (removed > 0) this.logger.log(`removed ${removed} uploads never sent within ${ttl} minutes`);
    return removed;
  }

  /** Deletes every row matching `where` (re-checked on each DELETE), then its blobs; how many. */
  private async removeAll(where: FindOptionsWhere<AttachmentEntity>): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch: Doomed[] = await this.rows.find({
        select: { id: true, storageKey: true, width: true },
        where,
        order: { createdAt: 'ASC', id: 'ASC' },
        take: BATCH,
      });
      for (const row of batch) {
        if (this.closing) return removed;
        const { affected } = await this.rows.delete({ ...where, id: row.id });
        if (!affected) continue; // linked meanwhile, or removed by another process
        removed++;
        await this.removeBlobs(row);
      }
      if (batch.length < BATCH) return removed;
    }
  }

  private async removeBlobs(row: Doomed): Promise<void> {
    const keys = row.width === null ? [row.storageKey] : [row.storageKey, thumbnailKey(row)];
    for (const key of keys) {
      try {
        await this.store.remove(key);
      } catch (error) {
        this.logger.warn(
          `attachment ${row.id} deleted but its blob ${key} was not removed: ${describe(error)}`,
        );
      }
    }
  }
}
