import type { ChatMessage, MessagePage, PublicUser } from '@minimeet/contract';
import { HISTORY_DEFAULT_LIMIT } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MessageEntity } from '../database/entities/message.entity';
import { UserEntity } from '../database/entities/user.entity';
import { RoomsService } from '../rooms/rooms.service';
import { decodeCursor, encodeCursor, toChatMessage } from './message.mapper';
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
    private readonly rooms: RoomsService,
    private readonly writer: MessageWriter,
    @Inject(APP_CONFIG) config: AppConfig,
    limits: RateLimitService,
  ) {
    this.historyLimiter = limits.create({
      name: 'history',
      points: config.limits.historyPagesPerMinute,
      durationSeconds: 60,
    });
  }

  /** Stores a message once per (sender, clientMessageId); a retry returns the stored one. */
  async send(
    sender: PublicUser,
    roomId: string,
    content: string,
    clientMessageId: string,
  ): Promise<SendResult> {
    const { stored, duplicate } = await this.writer.write({
      roomId,
      senderId: sender.id,
      content,
      clientMessageId,
      createdAt: new Date(),
    });
    if (duplicate && stored.roomId !== roomId) {
      throw AppError.validation({
        clientMessageId: ['clientMessageId was already used for another message'],
      });
    }
    return { message: toChatMessage(stored, sender), duplicate };
  }

  /** A page of history, oldest to newest; keyset on the message id (no OFFSET). Members only. */
  async history(
    userId: string,
    roomId: string,
    query: { before?: string; limit?: number },
  ): Promise<MessagePage> {
    await this.historyLimiter.consume(userId);
    await this.rooms.assertMember(roomId, userId);
    const limit = query.limit ?? HISTORY_DEFAULT_LIMIT;
    const before = query.before === undefined ? null : decodeCursor(query.before);
    if (query.before !== undefined && before === null)
      throw AppError.validation({ before: ['before is not a valid cursor'] });
    const qb = this.baseQuery().where('m.room_id = :roomId', { roomId });
    if (before !== null) qb.andWhere('m.id < :before', { before });
    const rows = await qb
      .orderBy('m.id', 'DESC')
      .limit(limit + 1)
      .getRawAndEntities();
    const items = this.toMessages(rows.entities, rows.raw as RawRow[]);
    const hasMore = items.length > limit;
    const page = items.slice(0, limit).reverse();
    const oldest = page[0];
    return { items: page, nextCursor: hasMore && oldest ? encodeCursor(Number(oldest.id)) : null };
  }

  /**
   * A moderator's delete: the content is blanked in storage and the row marked, so history,
   * search and retries no longer return the text. Null when the room has no such live message.
   */
  async softDelete(
    roomId: string,
    messageId: number,
    deletedBy: string,
  ): Promise<{ senderId: string } | null> {
    const message = await this.messages.findOneBy({ id: messageId, roomId });
    if (!message || message.deletedAt) return null;
    await this.messages.update(
      { id: messageId },
      { content: '', deletedAt: new Date(), deletedBy },
    );
    return { senderId: message.senderId };
  }

  async byIds(ids: number[]): Promise<Map<number, ChatMessage>> {
    if (ids.length === 0) return new Map();
    const rows = await this.baseQuery().where('m.id IN (:...ids)', { ids }).getRawAndEntities();
    return new Map(
      this.toMessages(rows.entities, rows.raw as RawRow[]).map((m) => [Number(m.id), m]),
    );
  }

  private baseQuery() {
    return this.messages
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.sender_id')
      .addSelect('u.username', 'senderName');
  }

  private toMessages(entities: MessageEntity[], raw: RawRow[]): ChatMessage[] {
    const names = new Map(raw.map((r) => [Number(r.m_id), r.senderName]));
    return entities.map((m) =>
      toChatMessage(m, { id: m.senderId, username: names.get(m.id) ?? 'unknown' }),
    );
  }
}

interface RawRow {
  m_id: number | string;
  senderName: string;
}
