import { UNREAD_COUNT_CAP } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, QueryFailedError, Repository } from 'typeorm';
import { MessageEntity } from '../database/entities/message.entity';
import { ReadMarkerEntity } from '../database/entities/read-marker.entity';

/** Unread messages of one room for one user, and how many of them mention the user. */
export interface UnreadCounts {
  unread: number;
  mentions: number;
}

const NONE: UnreadCounts = { unread: 0, mentions: 0 };

/**
 * Read markers in the database (shared by every device and process), and the unread counts they
 * give. Counting stops at UNREAD_COUNT_CAP: each count walks at most that many entries of the
 * (room_id, id) index of messages, or of the (user_id, room_id, message_id) index of mentions.
 */
@Injectable()
export class ReadMarkersService {
  constructor(
    @InjectRepository(ReadMarkerEntity) private readonly markers: Repository<ReadMarkerEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
  ) {}

  /** The id of the last message the user read in the room (0: none). */
  async get(userId: string, roomId: string): Promise<number> {
    const row = await this.markers.findOneBy({ userId, roomId });
    return row?.lastReadMessageId ?? 0;
  }

  /** A new member starts with the room's history read. */
  async startAtNewest(userId: string, roomId: string): Promise<void> {
    const newest = await this.messages.findOne({
      where: { roomId },
      order: { id: 'DESC' },
      select: ['id'],
    });
    await this.advance(userId, roomId, newest?.id ?? 0);
  }

  /** Moves the marker forward to `messageId` (never back); returns the marker as it is now. */
  async advance(userId: string, roomId: string, messageId: number): Promise<number> {
    const updatedAt = new Date();
    const moved = await this.markers.update(
      { userId, roomId, lastReadMessageId: LessThan(messageId) },
      { lastReadMessageId: messageId, updatedAt },
    );
    if (!moved.affected) {
      try {
        await this.markers.insert({ userId, roomId, lastReadMessageId: messageId, updatedAt });
      } catch (e) {
        // The row is there (ahead of us, or another tab inserted it just now): try once more.
        if (!(e instanceof QueryFailedError)) throw e;
        await this.markers.update(
          { userId, roomId, lastReadMessageId: LessThan(messageId) },
          { lastReadMessageId: messageId, updatedAt },
        );
      }
    }
    return this.get(userId, roomId);
  }

  /** Unread and mention counts of the user's rooms (a page of the room list). */
  async counts(userId: string, roomIds: string[]): Promise<Map<string, UnreadCounts>> {
    const out = new Map<string, UnreadCounts>();
    if (roomIds.length === 0) return out;
    const rows = await this.markers.findBy({ userId, roomId: In(roomIds) });
    const marker = new Map(rows.map((r) => [r.roomId, r.lastReadMessageId]));
    await Promise.all(
      roomIds.map(async (roomId) => {
        const after = marker.get(roomId) ?? 0;
        const unread = await this.count(
          'SELECT id FROM messages WHERE room_id = ? AND id > ? AND sender_id <> ? AND deleted_at IS NULL',
          [roomId, after, userId],
        );
        const mentions =
          unread === 0
            ? 0
            : await this.count(
                'SELECT message_id FROM message_mentions WHERE user_id = ? AND room_id = ? AND message_id > ?',
                [userId, roomId, after],
              );
        out.set(roomId, unread === 0 ? NONE : { unread, mentions });
      }),
    );
    return out;
  }

  private async count(select: string, params: unknown[]): Promise<number> {
    const rows: unknown = await this.messages.query(
      `SELECT COUNT(*) AS n FROM (${select} LIMIT ${UNREAD_COUNT_CAP}) capped`,
      params,
    );
    const first = Array.isArray(rows)
      ? (rows[0] as { n?: number | string } | undefined)
      : undefined;
    return Number(first?.n ?? 0);
  }
}
