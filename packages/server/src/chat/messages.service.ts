import type { ChatMessage, MessagePage, PublicUser } from '@minimeet/contract';
import { HISTORY_DEFAULT_LIMIT } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AttachmentLinks } from '../attachments/attachment-links.service';
import { AppError } from '../common/app-error';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MessageReactionEntity } from '../database/entities/message-reaction.entity';
import { MessageEntity } from '../database/entities/message.entity';
import { RoomsService } from '../rooms/rooms.service';
import { MessageDetails } from './message-details';
import { MessageMentions } from './message-mentions';
import {
  type ChangesPoint,
  decodeChangesPoint,
  decodeCursor,
  encodeChangesCursor,
  encodeCursor,
  toChatMessage,
} from './message.mapper';
import { MessageWriter } from './message-writer';

export interface SendResult {
  message: ChatMessage;
  /** True when this clientMessageId was already stored: nothing new to broadcast. */
  duplicate: boolean;
}

@Injectable()
export class MessagesService {
  private readonly historyLimiter: Limiter;

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(MessageReactionEntity)
    private readonly reactions: Repository<MessageReactionEntity>,
    private readonly rooms: RoomsService,
    private readonly writer: MessageWriter,
    private readonly details: MessageDetails,
    private readonly mentions: MessageMentions,
    private readonly attachments: AttachmentLinks,
    @Inject(APP_CONFIG) config: AppConfig,
    limits: RateLimitService,
  ) {
    this.historyLimiter = limits.create({
      name: 'history',
      points: config.limits.historyPagesPerMinute,
      durationSeconds: 60,
    });
  }

  /**
   * Stores a message once per (sender, clientMessageId); a retry returns the stored one. A reply
   * must answer a live message of the same room (else NOT_FOUND); attachments must be the
   * sender's unsent uploads to the room (else NOT_FOUND).
   */
  async send(
    sender: PublicUser,
    roomId: string,
    content: string,
    clientMessageId: string,
    replyToId?: string,
    attachmentIds: string[] = [],
  ): Promise<SendResult> {
    const original = replyToId === undefined ? null : await this.replyTarget(roomId, replyToId);
    const files = await this.attachments.claimable(
      sender.id,
      roomId,
      attachmentIds,
      clientMessageId,
    );
    const { stored, duplicate } = await this.writer.write({
      roomId,
      senderId: sender.id,
      content,
      clientMessageId,
      createdAt: new Date(),
      replyToId: original?.id ?? null,
    });
    if (duplicate && stored.roomId !== roomId) {
      throw AppError.validation({
        clientMessageId: ['clientMessageId was already used for another message'],
      });
    }
    if (duplicate) return { message: await this.details.presentOne(stored), duplicate };
    const [replyTo, mentions, attachments] = await Promise.all([
      original ? this.details.quote(original) : null,
      this.mentions.record(roomId, stored.id, content, { replacing: false }),
      this.attachments.link(files, stored.id),
    ]);
    return {
      message: toChatMessage(stored, sender, { reactions: [], replyTo, mentions, attachments }),
      duplicate,
    };
  }

  /**
   * A page of history, oldest to newest; keyset on the message id (no OFFSET). Members only.
   * `before` pages back from the newest; `after` (a message id) pages forward from it, to catch up;
   * `changedSince` (a date-time or a changes cursor) gives the messages changed since, to catch up
   * on edits, deletes and reactions.
   */
  async history(
    userId: string,
    roomId: string,
    query: { before?: string; after?: string; changedSince?: string; limit?: number },
  ): Promise<MessagePage> {
    await this.historyLimiter.consume(userId);
    await this.rooms.assertMember(roomId, userId);
    const limit = query.limit ?? HISTORY_DEFAULT_LIMIT;
    if (query.changedSince !== undefined) {
      if (query.before !== undefined || query.after !== undefined)
        throw AppError.validation({
          changedSince: ['changedSince cannot be used with before or after'],
        });
      const since = decodeChangesPoint(query.changedSince);
      if (!since)
        throw AppError.validation({
          changedSince: [
            'changedSince must be an ISO 8601 date-time with a time zone, or a nextCursor of changes',
          ],
        });
      return this.historyChanged(roomId, since, limit);
    }
    if (query.after !== undefined) {
      if (query.before !== undefined)
        throw AppError.validation({ after: ['after and before cannot be used together'] });
      return this.historyAfter(roomId, Number(query.after), limit);
    }
    const before = query.before === undefined ? null : decodeCursor(query.before);
    if (query.before !== undefined && before === null)
      throw AppError.validation({ before: ['before is not a valid cursor'] });
    const qb = this.messages.createQueryBuilder('m').where('m.room_id = :roomId', { roomId });
    if (before !== null) qb.andWhere('m.id < :before', { before });
    const rows = await qb
      .orderBy('m.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const hasMore = rows.length > limit;
    const items = await this.details.present(rows.slice(0, limit));
    const page = items.reverse();
    const oldest = page[0];
    return { items: page, nextCursor: hasMore && oldest ? encodeCursor(Number(oldest.id)) : null };
  }

  /** The oldest `limit` messages after `after`; nextCursor is the newest id when more follow. */
  private async historyAfter(roomId: string, after: number, limit: number): Promise<MessagePage> {
    const rows = await this.messages
      .createQueryBuilder('m')
      .where('m.room_id = :roomId', { roomId })
      .andWhere('m.id > :after', { after })
      .orderBy('m.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const hasMore = rows.length > limit;
    const items = await this.details.present(rows.slice(0, limit));
    const newest = items[items.length - 1];
    return { items, nextCursor: hasMore && newest ? newest.id : null };
  }

  /**
   * The first `limit` messages changed after `since`, oldest change first, as they are now (index
   * idx_messages_room_changed); nextCursor is the last change's position when more follow.
   */
  private async historyChanged(
    roomId: string,
    since: ChangesPoint,
    limit: number,
  ): Promise<MessagePage> {
    const qb = this.messages.createQueryBuilder('m').where('m.room_id = :roomId', { roomId });
    if (since.id === null) qb.andWhere('m.changed_at > :at', { at: since.at });
    else
      qb.andWhere('(m.changed_at > :at OR (m.changed_at = :at AND m.id > :id))', {
        at: since.at,
        id: since.id,
      });
    const rows = await qb
      .orderBy('m.changed_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const lastAt = rows.length > limit ? last?.changedAt : null;
    return {
      items: await this.details.present(page),
      nextCursor: last && lastAt ? encodeChangesCursor(lastAt, last.id) : null,
    };
  }

  /**
   * A delete (by a moderator, or by the author: `deletedBy` tells which): the content is blanked in storage and the row marked, so history,
   * search and retries no longer return the text. Null when the room has no such live message.
   */
  async softDelete(
    roomId: string,
    messageId: number,
    deletedBy: string,
  ): Promise<{ senderId: string } | null> {
    const message = await this.messages.findOneBy({ id: messageId, roomId });
    if (!message || message.deletedAt) return null;
    const now = new Date();
    await this.messages.update(
      { id: messageId },
      { content: '', deletedAt: now, deletedBy, changedAt: now },
    );
    await this.reactions.delete({ messageId });
    await this.mentions.clear(messageId);
    return { senderId: message.senderId };
  }

  async byIds(ids: number[]): Promise<Map<number, ChatMessage>> {
    if (ids.length === 0) return new Map();
    const rows = await this.messages.findBy({ id: In(ids) });
    return new Map((await this.details.present(rows)).map((m) => [Number(m.id), m]));
  }

  private async replyTarget(roomId: string, replyToId: string): Promise<MessageEntity> {
    const original = await this.messages.findOneBy({ id: Number(replyToId), roomId });
    if (!original || original.deletedAt) throw AppError.notFound('The message you reply to');
    return original;
  }
}
