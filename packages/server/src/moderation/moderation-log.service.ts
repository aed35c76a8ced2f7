import type {
  ModeratedMedia,
  ModerationAction,
  ModerationLogEntry,
  ModerationLogResponse,
} from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { ModerationLogEntity } from '../database/entities/moderation-log.entity';
import { UserEntity } from '../database/entities/user.entity';

export const MODERATION_LOG_PAGE = 50;

export interface LogInput {
  roomId: string;
  actorId: string;
  action: ModerationAction;
  targetUserId?: string;
  messageId?: number;
  details?: { kind?: ModeratedMedia; block?: boolean };
}

const encodeCursor = (id: number): string => Buffer.from(`l${id}`).toString('base64url');
function decodeCursor(cursor: string): number | null {
  const match = /^l(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] ? Number(match[1]) : null;
}

/** The moderation log: written on every moderator action, read newest first (keyset on id). */
@Injectable()
export class ModerationLogService {
  constructor(
    @InjectRepository(ModerationLogEntity) private readonly log: Repository<ModerationLogEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async record(input: LogInput): Promise<void> {
    await this.log.insert({
      roomId: input.roomId,
      actorId: input.actorId,
      action: input.action,
      targetUserId: input.targetUserId ?? null,
      messageId: input.messageId ?? null,
      details: JSON.stringify(input.details ?? {}),
      createdAt: new Date(),
    });
  }

  /** A page of the room's log, newest first (the caller checked who may read it). */
  async page(roomId: string, cursor?: string): Promise<ModerationLogResponse> {
    const before = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && before === null)
      throw AppError.validation({ cursor: ['cursor is not a valid cursor'] });
    const qb = this.log.createQueryBuilder('l').where('l.room_id = :roomId', { roomId });
    if (before !== null) qb.andWhere('l.id < :before', { before });
    const rows = await qb
      .orderBy('l.id', 'DESC')
      .limit(MODERATION_LOG_PAGE + 1)
      .getMany();
    const page = rows.slice(0, MODERATION_LOG_PAGE);
    const names = await this.names(page);
    const user = (id: string) => ({ id, username: names.get(id) ?? 'unknown' });
    const last = page[page.length - 1];
    return {
      items: page.map((r): ModerationLogEntry => ({
        id: String(r.id),
        action: r.action as ModerationAction,
        actor: user(r.actorId),
        target: r.targetUserId ? user(r.targetUserId) : null,
        messageId: r.messageId === null ? null : String(r.messageId),
        details: JSON.parse(r.details) as ModerationLogEntry['details'],
        createdAt: r.createdAt.toISOString(),
      })),
      nextCursor: rows.length > MODERATION_LOG_PAGE && last ? encodeCursor(last.id) : null,
    };
  }

  private async names(rows: ModerationLogEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap((r) => [r.actorId, r.targetUserId ?? []]).flat())];
    if (ids.length === 0) return new Map();
    const users = await this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.username'])
      .where('u.id IN (:...ids)', { ids })
      .getMany();
    return new Map(users.map((u) => [u.id, u.username]));
  }
}
