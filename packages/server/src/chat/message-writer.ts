import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { MessageEntity } from '../database/entities/message.entity';
import { OverloadService } from '../overload/overload.service';

export type NewMessage = Omit<MessageEntity, 'id'>;

/** `stored` is the row now in the database; `duplicate` when it was there before this write. */
export interface WriteResult {
  stored: MessageEntity;
  duplicate: boolean;
}

interface Pending {
  message: NewMessage;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;
/**
 * The longest a write waits for the check phase: a loop busy reading many sockets reaches it late,
 * so a write arriving later than this after the queue's first starts the drain itself.
 */
const MAX_WAIT_MS = 10;
const key = (m: { senderId: string; clientMessageId: string }): string =>
  `${m.senderId}\u0000${m.clientMessageId}`;

/** A row of `INSERT ... RETURNING id, sender_id, client_message_id`. */
interface ReturnedId {
  id: number | string;
  sender_id: string;
  client_message_id: string;
}

export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError && /unique|duplicate/i.test(e.message);

/**
 * Stores chat messages idempotently per (sender, clientMessageId). Messages that arrive in the
 * same event-loop turn (or within MAX_WAIT_MS of the first, when a turn runs long) are written by
 * one multi-row INSERT (one commit, one full-text index update) instead of one statement each; a
 * lone message takes the single-row path. Each caller's promise settles only after its row is
 * committed, so "stored first, then broadcast" holds.
 */
@Injectable()
export class MessageWriter {
  private queue: Pending[] = [];
  private draining = false;
  /** The drain waiting for the event loop's check phase, if any. */
  private scheduled: NodeJS.Immediate | null = null;
  /** When the drain was scheduled (performance.now()). */
  private scheduledAt = 0;
  /** The database answers an INSERT with the new rows' ids (MariaDB 10.5+; not SQLite here). */
  private readonly returning: boolean;

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    overload: OverloadService,
  ) {
    this.returning = messages.manager.connection.driver.isReturningSqlSupported('insert');
    // Under a flood of frames the loop can read sockets for seconds before its check phase.
    overload.whenStalled(() => this.startDrain());
  }

  write(message: NewMessage): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        this.scheduled = setImmediate(() => this.startDrain());
        this.scheduledAt = performance.now();
      } else if (this.scheduled !== null && performance.now() - this.scheduledAt > MAX_WAIT_MS) {
        queueMicrotask(() => this.startDrain());
      }
    });
  }

  private startDrain(): void {
    if (this.scheduled === null) return;
    clearImmediate(this.scheduled);
    this.scheduled = null;
    void this.drain();
  }

  /** Writes batches one after another, so ids follow arrival order. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      // The INSERT also moves the batch's rooms up their members' room lists (a trigger,
      // migration 1767300000000), so a room list read after an ack already shows the message.
      try {
        await (batch.length === 1 ? this.writeOne(batch[0] as Pending) : this.writeMany(batch));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.draining = false;
  }

  private async writeOne({ message, resolve }: Pending): Promise<void> {
    try {
      const inserted = await this.messages.insert(message);
      const id = Number((inserted.identifiers[0] as { id: number | string } | undefined)?.id);
      resolve({ stored: { ...message, id }, duplicate: false });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const existing = await this.messages.findOneBy({
        senderId: message.senderId,
        clientMessageId: message.clientMessageId,
      });
      if (!existing) throw e;
      resolve({ stored: existing, duplicate: true });
    }
  }

  /**
   * One multi-row INSERT of the batch's first message per key, which gives their ids back. A key
   * stored before (a retry) fails the INSERT as a whole: then each message takes the single-row
   * path, which answers the stored row. Retries are rare, so the common batch costs one statement
   * on MariaDB (two on SQLite). Its rows go in room order (a stable sort: each room's messages
   * keep theirs), so two processes' batches lock their rooms (the trigger's UPDATE) in the same
   * order and cannot deadlock.
   */
  private async writeMany(batch: Pending[]): Promise<void> {
    const fresh: Pending[] = [];
    const firstOfKey = new Map<string, Pending>();
    for (const p of batch) {
      const k = key(p.message);
      if (firstOfKey.has(k)) continue;
      firstOfKey.set(k, p);
      fresh.push(p);
    }
    let stored: Map<string, MessageEntity>;
    try {
      const rows = fresh.map((p) => p.message);
      // Any order works if every process uses it: a plain comparison, no locale collation.
      stored = await this.insertMany(
        rows.sort((a, b) => (a.roomId < b.roomId ? -1 : +(a.roomId > b.roomId))),
      );
    } catch (e) {
      // A retry of a stored message, or another process stored one of these keys: one by one.
      if (!isUniqueViolation(e)) throw e;
      for (const p of batch) await this.writeOne(p).catch(p.reject);
      return;
    }
    for (const p of batch) {
      const row = stored.get(key(p.message));
      if (!row) p.reject(new Error('message row missing after insert'));
      else p.resolve({ stored: row, duplicate: firstOfKey.get(key(p.message)) !== p });
    }
  }

  /**
   * One multi-row INSERT; the new ids come back with it where the database says RETURNING
   * (MariaDB), else from one SELECT of the rows by their keys (SQLite, in process).
   */
  private async insertMany(messages: NewMessage[]): Promise<Map<string, MessageEntity>> {
    const insert = this.messages.createQueryBuilder().insert().values(messages).updateEntity(false);
    let rows: MessageEntity[];
    if (this.returning) {
      const result = await insert.returning(['id', 'senderId', 'clientMessageId']).execute();
      const ids = new Map(
        (result.raw as ReturnedId[]).map((r) => [
          key({ senderId: r.sender_id, clientMessageId: r.client_message_id }),
          Number(r.id),
        ]),
      );
      rows = messages.flatMap((m) => {
        const id = ids.get(key(m));
        return id === undefined ? [] : [{ ...m, id }];
      });
    } else {
      await insert.execute();
      rows = await this.messages.find({
        where: messages.map((m) => ({ senderId: m.senderId, clientMessageId: m.clientMessageId })),
      });
    }
    return new Map(rows.map((r) => [key(r), r]));
  }
}
