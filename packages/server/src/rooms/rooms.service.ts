import type {
  InvitePreview,
  JoinRoomPayload,
  JoinRoomResult,
  PublicUser,
  Room,
  RoomDetail,
  RoomListQuery,
  RoomListResponse,
  RoomPreview,
  RoomRole,
} from '@minimeet/contract';
import { ErrorCode, INVITE_TOKEN_PATTERN, ROOM_LIST_DEFAULT_LIMIT } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MessageEntity } from '../database/entities/message.entity';
import { RoomBanEntity } from '../database/entities/room-ban.entity';
import { RoomMemberEntity } from '../database/entities/room-member.entity';
import { RoomEntity } from '../database/entities/room.entity';
import { UserEntity } from '../database/entities/user.entity';
import { PresenceService } from '../presence/presence.service';
import { ROOM_MAX_PARTICIPANTS_DEFAULT, type CreateRoomDto } from './dto/room.dto';
import { MemberIdsCache } from './member-ids-cache';
import { ReadMarkersService } from './read-markers.service';
import { decodeRoomCursor, encodeRoomCursor, newInviteToken, toRoom } from './room.mapper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class RoomsService {
  private readonly createLimiter: Limiter;
  private readonly joinLimiter: Limiter;
  private readonly memberIdsCache = new MemberIdsCache();

  constructor(
    @InjectRepository(RoomEntity) private readonly rooms: Repository<RoomEntity>,
    @InjectRepository(RoomMemberEntity) private readonly members: Repository<RoomMemberEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(RoomBanEntity) private readonly bans: Repository<RoomBanEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly presence: PresenceService,
    private readonly readMarkers: ReadMarkersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    limits: RateLimitService,
  ) {
    const { roomsPerHour, roomJoinsPerMinute } = config.limits;
    this.createLimiter = limits.create({
      name: 'room-create',
      points: roomsPerHour,
      durationSeconds: 3600,
    });
    this.joinLimiter = limits.create({
      name: 'room-join',
      points: roomJoinsPerMinute,
      durationSeconds: 60,
    });
  }

  async create(owner: PublicUser, dto: CreateRoomDto): Promise<Room> {
    if (owner.guest)
      throw AppError.forbidden('Guests cannot create rooms: create an account to have your own');
    await this.createLimiter.consume(owner.id);
    const now = new Date();
    const room: RoomEntity = {
      id: randomUUID(),
      name: dto.name,
      description: '',
      ownerId: owner.id,
      maxParticipants: dto.maxParticipants ?? ROOM_MAX_PARTICIPANTS_DEFAULT,
      accessMode: 'open',
      allowGuests: true,
      inviteToken: newInviteToken(),
      createdAt: now,
      lastActivityAt: now,
    };
    await this.rooms.manager.transaction(async (tx) => {
      await tx.insert(RoomEntity, room);
      await tx.insert(RoomMemberEntity, {
        roomId: room.id,
        userId: owner.id,
        joinedAt: now,
        role: 'owner',
      });
    });
    return toRoom(room);
  }

  /** A page of the user's rooms, most recent activity first (keyset on activity time and id). */
  async listFor(userId: string, query: RoomListQuery = {}): Promise<RoomListResponse> {
    const limit = query.limit ?? ROOM_LIST_DEFAULT_LIMIT;
    const after = query.cursor === undefined ? null : decodeRoomCursor(query.cursor);
    if (query.cursor !== undefined && after === null)
      throw AppError.validation({ cursor: ['cursor is not a valid cursor'] });
    const qb = this.rooms
      .createQueryBuilder('r')
      .innerJoin(RoomMemberEntity, 'rm', 'rm.room_id = r.id AND rm.user_id = :userId', { userId });
    if (after !== null) {
      const at = this.dbDate(after.at);
      qb.andWhere('(r.last_activity_at < :at OR (r.last_activity_at = :at AND r.id < :id))', {
        at,
        id: after.id,
      });
    }
    const rows = await qb
      .orderBy('r.lastActivityAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const ids = page.map((r) => r.id);
    const [counts, lastTimes, unread] = await Promise.all([
      this.presence.roomCounts(ids),
      this.lastMessageTimes(ids),
      this.readMarkers.counts(userId, ids),
    ]);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        ...toRoom(r),
        onlineCount: counts.get(r.id)?.online ?? 0,
        inCallCount: counts.get(r.id)?.inCall ?? 0,
        lastMessageAt: lastTimes.get(r.id)?.toISOString() ?? null,
        unreadCount: unread.get(r.id)?.unread ?? 0,
        mentionCount: unread.get(r.id)?.mentions ?? 0,
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeRoomCursor({ at: last.lastActivityAt, id: last.id })
          : null,
    };
  }

  /** A date as the database driver stores it (SQLite keeps text, MySQL a DATETIME). */
  private dbDate(date: Date): unknown {
    const column = this.rooms.metadata.findColumnWithPropertyName('lastActivityAt');
    return column
      ? this.rooms.manager.connection.driver.preparePersistentValue(date, column)
      : date;
  }

  /** A member sees the room and who is in it; anyone else only what a join page needs. */
  async detail(roomId: string, userId: string): Promise<RoomDetail | RoomPreview> {
    const room = await this.find(roomId);
    const role = await this.roleOf(roomId, userId);
    if (!role) return { id: room.id, name: room.name };
    return { ...toRoom(room), participants: await this.presence.participants(roomId), role };
  }

  /** What the join-by-link page shows; NOT_FOUND for a token that is not (or no longer) valid. */
  async invitePreview(token: string, userId: string): Promise<InvitePreview> {
    const room = await this.findByInvite(token);
    return {
      roomId: room.id,
      name: room.name,
      description: room.description,
      accessMode: room.accessMode,
      allowGuests: room.allowGuests,
      member: await this.isMember(room.id, userId),
    };
  }

  async findByInvite(token: string): Promise<RoomEntity> {
    const room = INVITE_TOKEN_PATTERN.test(token)
      ? await this.rooms.findOneBy({ inviteToken: token })
      : null;
    if (!room) throw AppError.notFound('Invite link');
    return room;
  }

  /** The user's role in the room, or null when they are not a member. */
  async roleOf(roomId: string, userId: string): Promise<RoomRole | null> {
    const member = await this.members.findOne({
      where: { roomId, userId },
      select: ['role'],
    });
    return member?.role ?? null;
  }

  /** The room, when the user is its owner or one of its moderators; FORBIDDEN otherwise. */
  async assertModerator(roomId: string, userId: string): Promise<RoomEntity> {
    const room = await this.find(roomId);
    const role = await this.roleOf(roomId, userId);
    if (role !== 'owner' && role !== 'moderator')
      throw AppError.forbidden('Only the owner and moderators of this room can do that');
    return room;
  }

  /** The room, when the user owns it; FORBIDDEN otherwise. */
  async assertOwner(roomId: string, userId: string): Promise<RoomEntity> {
    const room = await this.find(roomId);
    if (room.ownerId !== userId)
      throw AppError.forbidden('Only the owner of this room can do that');
    return room;
  }

  /** The ids of the room's owner and moderators. */
  async moderatorIds(roomId: string): Promise<string[]> {
    const rows = await this.members.find({
      where: [
        { roomId, role: 'owner' },
        { roomId, role: 'moderator' },
      ],
      select: ['userId'],
    });
    return rows.map((r) => r.userId);
  }

  async isBanned(roomId: string, userId: string): Promise<boolean> {
    return this.bans.existsBy({ roomId, userId });
  }

  /**
   * Whether someone who is not a member may become one through the invite link: the token must
   * be the room's, they must not be banned, and the room must not be locked (ROOM_LOCKED).
   */
  async checkNewcomer(
    room: RoomEntity,
    user: PublicUser,
    token: string | undefined,
  ): Promise<void> {
    if (await this.isBanned(room.id, user.id))
      throw AppError.forbidden('You cannot join this room');
    if (user.guest) {
      const guest = await this.users.findOne({ where: { id: user.id }, select: ['guestRoomId'] });
      if (guest?.guestRoomId !== room.id)
        throw AppError.forbidden('A guest can only join the room whose link they came with');
      if (!room.allowGuests)
        throw AppError.forbidden('This room does not take guests: sign in to join');
    }
    if (token === undefined || token !== room.inviteToken)
      throw AppError.forbidden('You need a valid invite link to join this room');
    if (room.accessMode === 'locked')
      throw new AppError(ErrorCode.ROOM_LOCKED, 'This room is locked');
  }

  /** Makes the user a member (nothing happens when they already are). */
  async addMember(roomId: string, userId: string): Promise<void> {
    try {
      await this.members.insert({ roomId, userId, joinedAt: new Date(), role: 'member' });
      this.forgetMembers(roomId);
      await this.readMarkers.startAtNewest(userId, roomId);
    } catch (e) {
      if (!(e instanceof QueryFailedError)) throw e; // a concurrent join from another tab already added it
    }
  }

  async find(roomId: string): Promise<RoomEntity> {
    const room = UUID.test(roomId) ? await this.rooms.findOneBy({ id: roomId }) : null;
    if (!room) throw AppError.notFound('Room');
    return room;
  }

  /** The ids of every member of the room (kept a few seconds: see MemberIdsCache). */
  async memberIds(roomId: string): Promise<string[]> {
    return this.memberIdsCache.get(roomId, async () => {
      const rows = await this.members.find({ where: { roomId }, select: ['userId'] });
      return rows.map((r) => r.userId);
    });
  }

  /** The room's members changed (a removal here or in another process): read them again. */
  forgetMembers(roomId: string): void {
    this.memberIdsCache.forget(roomId);
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    return this.members.existsBy({ roomId, userId });
  }

  /** Whether the user may act on others in the room: its owner or a moderator. */
  async canModerate(roomId: string, userId: string): Promise<boolean> {
    await this.find(roomId);
    const role = await this.roleOf(roomId, userId);
    return role === 'owner' || role === 'moderator';
  }

  async assertMember(roomId: string, userId: string): Promise<void> {
    await this.find(roomId);
    if (!(await this.isMember(roomId, userId)))
      throw AppError.forbidden('You are not a member of this room');
  }

  /** A connection enters a room: admitted as a member, shown as present, and told who is here. */
  async enter(actor: Actor, payload: JoinRoomPayload): Promise<JoinRoomResult> {
    const { roomId } = payload;
    const { user, connectionId } = actor;
    if (!this.presence.isHere(roomId, connectionId)) {
      const max = this.config.limits.roomsPerConnection;
      if (this.presence.roomCount(connectionId) >= max) {
        throw new AppError(
          ErrorCode.RATE_LIMITED,
          `One connection can be in at most ${max} rooms at once: leave one first`,
        );
      }
      await this.joinLimiter.consume(user.id);
    }
    const { room, role } = await this.admit(payload, user);
    await this.presence.join(roomId, {
      socketId: connectionId,
      userId: user.id,
      username: user.username,
      guest: user.guest,
    });
    const participants = await this.presence.announce(roomId);
    return { room: { ...toRoom(room), participants, role }, participants };
  }

  async leave(actor: Actor, roomId: string): Promise<{ roomId: string }> {
    if (await this.presence.leave(roomId, actor.connectionId)) await this.presence.announce(roomId);
    return { roomId };
  }

  /** A connection closed: it leaves every room it was in. */
  async disconnect(connectionId: string): Promise<void> {
    const changed = await this.presence.leaveAll(connectionId);
    await Promise.all(changed.map((roomId) => this.presence.announce(roomId)));
  }

  /**
   * Lets a user into a room. A member comes in with the room id; anyone else needs the invite
   * link's token and becomes a member when the room is open (a lobby room sends them to knock; a
   * locked one refuses). Nobody banned comes in, and nobody new once `maxParticipants` people
   * are online. Returns the room and the user's role.
   */
  private async admit(
    { roomId, inviteToken }: JoinRoomPayload,
    user: PublicUser,
  ): Promise<{ room: RoomEntity; role: RoomRole }> {
    const room = await this.find(roomId);
    let role = await this.roleOf(roomId, user.id);
    if (role && (await this.isBanned(roomId, user.id)))
      throw AppError.forbidden('You cannot join this room');
    if (!role) {
      await this.checkNewcomer(room, user, inviteToken);
      if (room.accessMode === 'lobby')
        throw AppError.forbidden('This room has a lobby: ask to join from the invite link');
    }
    const participants = await this.presence.participants(roomId);
    const alreadyHere = participants.some((p) => p.userId === user.id);
    if (!alreadyHere && participants.length >= room.maxParticipants) {
      throw new AppError(ErrorCode.ROOM_FULL, `This room is full (${room.maxParticipants} people)`);
    }
    if (!role) {
      await this.addMember(roomId, user.id);
      role = 'member';
    }
    return { room, role };
  }

  private async lastMessageTimes(roomIds: string[]): Promise<Map<string, Date>> {
    const result = new Map<string, Date>();
    await Promise.all(
      roomIds.map(async (roomId) => {
        const last = await this.messages.findOne({
          where: { roomId },
          order: { id: 'DESC' },
          select: ['id', 'createdAt'],
        });
        if (last) result.set(roomId, last.createdAt);
      }),
    );
    return result;
  }
}
