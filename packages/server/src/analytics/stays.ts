import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { CallParticipantEntity } from '../database/entities/call-participant.entity';
import { CallSessionEntity } from '../database/entities/call-session.entity';
import type { Stay } from './day-series';
import type { SqlDays } from './sql-days';

interface StayRow {
  userId: string;
  joinedAt: Date | string;
  leftAt: Date | string | null;
  endedAt: Date | string | null;
}

/** Raw datetimes: a Date from MySQL, UTC text `YYYY-MM-DD HH:MM:SS.SSS` from SQLite. */
export const ms = (v: Date | string): number =>
  v instanceof Date ? v.getTime() : Date.parse(`${v.replace(' ', 'T')}Z`);

/**
 * The call stays that overlap [from, to), optionally of one room. A stay still open counts until
 * its call ended (a process that died never wrote the leave) or, for a live call, until `to`.
 */
export async function staysIn(
  participants: Repository<CallParticipantEntity>,
  days: SqlDays,
  from: number,
  to: number,
  roomId?: string,
): Promise<Stay[]> {
  const meta = participants.metadata;
  const qb: SelectQueryBuilder<CallParticipantEntity> = participants
    .createQueryBuilder('p')
    .innerJoin(CallSessionEntity, 's', 's.id = p.call_id')
    .select('p.user_id', 'userId')
    .addSelect('p.joined_at', 'joinedAt')
    .addSelect('p.left_at', 'leftAt')
    .addSelect('s.ended_at', 'endedAt')
    .where('p.joined_at < :to', { to: days.param(meta, 'joinedAt', new Date(to)) })
    .andWhere('(p.left_at IS NULL OR p.left_at >= :from)', {
      from: days.param(meta, 'leftAt', new Date(from)),
    });
  if (roomId !== undefined) qb.andWhere('s.room_id = :roomId', { roomId });
  const rows = await qb.getRawMany<StayRow>();
  return rows.map((r) => {
    const start = ms(r.joinedAt);
    const end = r.leftAt !== null ? ms(r.leftAt) : r.endedAt !== null ? ms(r.endedAt) : to;
    return { userId: r.userId, start, end: Math.max(start, Math.min(end, to)) };
  });
}
