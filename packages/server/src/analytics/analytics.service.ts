import {
  ANALYTICS_DAYS_DEFAULT,
  type AdminOverviewResponse,
  type PublicUser,
  type RoomAnalyticsResponse,
} from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { isAdminUsername } from '../config/access-config';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CallParticipantEntity } from '../database/entities/call-participant.entity';
import { CallSessionEntity } from '../database/entities/call-session.entity';
import { MessageEntity } from '../database/entities/message.entity';
import { RoomEntity } from '../database/entities/room.entity';
import { UserEntity } from '../database/entities/user.entity';
import { PresenceService } from '../presence/presence.service';
import { RoomsService } from '../rooms/rooms.service';
import { dayOf, roundMinutes, stayDays, windowOf } from './day-series';
import { countsByDay, SqlDays } from './sql-days';
import { staysIn } from './stays';

const OVERVIEW_DAYS = 30;

/** Dashboards: a room's days for its owner, and the whole server for administrators. */
@Injectable()
export class AnalyticsService {
  private readonly days: SqlDays;

  constructor(
    @InjectDataSource() db: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(CallSessionEntity) private readonly sessions: Repository<CallSessionEntity>,
    @InjectRepository(CallParticipantEntity)
    private readonly participants: Repository<CallParticipantEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoomEntity) private readonly roomRows: Repository<RoomEntity>,
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.days = new SqlDays(db);
  }

  /** The room's owner and moderators see its analytics (RoomsService decides who moderates). */
  canSeeRoomAnalytics(roomId: string, userId: string): Promise<boolean> {
    return this.rooms.canModerate(roomId, userId);
  }

  async roomDashboard(
    userId: string,
    roomId: string,
    days = ANALYTICS_DAYS_DEFAULT,
    now = Date.now(),
  ): Promise<RoomAnalyticsResponse> {
    if (!(await this.canSeeRoomAnalytics(roomId, userId)))
      throw AppError.forbidden('Only the room owner and moderators can see its analytics');
    const { from, to, keys } = windowOf(days, now);
    const [messages, calls, stays] = await Promise.all([
      this.messagesPerDay(from, roomId),
      this.callsPerDay(from, roomId),
      staysIn(this.participants, this.days, from, to, roomId),
    ]);
    const byDay = stayDays(stays, from, to);
    return {
      roomId,
      from: keys[0] ?? dayOf(from),
      to: keys[keys.length - 1] ?? dayOf(to),
      days: keys.map((day) => {
        const s = byDay.get(day);
        return {
          day,
          messages: messages.get(day) ?? 0,
          calls: calls.get(day) ?? 0,
          callMinutes: roundMinutes(s?.minutes ?? 0),
          uniqueParticipants: s?.users.size ?? 0,
          peakConcurrent: s?.peak ?? 0,
        };
      }),
    };
  }

  /** Server-wide numbers for administrators (ADMIN_USERNAMES); FORBIDDEN for anyone else. */
  async overview(user: PublicUser, now = Date.now()): Promise<AdminOverviewResponse> {
    if (!isAdminUsername(this.config, user.username))
      throw AppError.forbidden('Only administrators can see the server overview');
    const { from, to, keys } = windowOf(OVERVIEW_DAYS, now);
    const [users, rooms, totals, messages, stays] = await Promise.all([
      this.users.count(),
      this.roomRows.count(),
      this.presence.totals(),
      this.messagesPerDay(from),
      staysIn(this.participants, this.days, from, to),
    ]);
    const byDay = stayDays(stays, from, to);
    return {
      users,
      rooms,
      onlineNow: totals.online,
      inCallsNow: totals.inCall,
      days: keys.map((day) => ({
        day,
        messages: messages.get(day) ?? 0,
        callMinutes: roundMinutes(byDay.get(day)?.minutes ?? 0),
      })),
    };
  }

  private async messagesPerDay(from: number, roomId?: string): Promise<Map<string, number>> {
    const day = this.days.dayOf('m.created_at');
    const qb = this.messages
      .createQueryBuilder('m')
      .select(day, 'day')
      .addSelect('COUNT(*)', 'n')
      .where('m.created_at >= :from', {
        from: this.days.param(this.messages.metadata, 'createdAt', new Date(from)),
      })
      .groupBy(day);
    if (roomId !== undefined) qb.andWhere('m.room_id = :roomId', { roomId });
    return countsByDay(await qb.getRawMany<{ day: string; n: number | string }>());
  }

  private async callsPerDay(from: number, roomId: string): Promise<Map<string, number>> {
    const day = this.days.dayOf('s.started_at');
    const rows = await this.sessions
      .createQueryBuilder('s')
      .select(day, 'day')
      .addSelect('COUNT(*)', 'n')
      .where('s.room_id = :roomId', { roomId })
      .andWhere('s.started_at >= :from', {
        from: this.days.param(this.sessions.metadata, 'startedAt', new Date(from)),
      })
      .groupBy(day)
      .getRawMany<{ day: string; n: number | string }>();
    return countsByDay(rows);
  }
}
