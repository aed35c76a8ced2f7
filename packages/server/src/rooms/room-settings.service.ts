import type {
  PublicUser,
  Room,
  RoomMember,
  RoomMembersResponse,
  RoomRole,
} from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/domain-events';
import { CallParticipantEntity } from '../database/entities/call-participant.entity';
import { CallQualitySampleEntity } from '../database/entities/call-quality-sample.entity';
import { CallSessionEntity } from '../database/entities/call-session.entity';
import { MessageMentionEntity } from '../database/entities/message-mention.entity';
import { MessageReactionEntity } from '../database/entities/message-reaction.entity';
import { MessageEntity } from '../database/entities/message.entity';
import { ReadMarkerEntity } from '../database/entities/read-marker.entity';
import { RoomBanEntity } from '../database/entities/room-ban.entity';
import { RoomMemberEntity } from '../database/entities/room-member.entity';
import { RoomEntity } from '../database/entities/room.entity';
import { UserEntity } from '../database/entities/user.entity';
import type { SetRoleDto, UpdateRoomDto } from './dto/room.dto';
import { LobbyService } from './lobby.service';
import { newInviteToken, toRoom } from './room.mapper';
import { RoomEvent } from './rooms.events';
import { RoomsService } from './rooms.service';

const ROLE_ORDER: Record<RoomRole, number> = { owner: 0, moderator: 1, member: 2 };

/**
 * A room's settings and roles. The owner and moderators rename it, describe it, set its limit and
 * access mode; only the owner deletes it, regenerates its invite link and chooses moderators.
 * Members hear every change live.
 */
@Injectable()
export class RoomSettingsService {
  constructor(
    @InjectRepository(RoomEntity) private readonly roomRepo: Repository<RoomEntity>,
    @InjectRepository(RoomMemberEntity) private readonly members: Repository<RoomMemberEntity>,
    private readonly rooms: RoomsService,
    private readonly lobby: LobbyService,
    private readonly events: DomainEvents,
  ) {}

  async update(actor: PublicUser, roomId: string, dto: UpdateRoomDto): Promise<Room> {
    const room =
      dto.allowGuests === undefined
        ? await this.rooms.assertModerator(roomId, actor.id)
        : await this.rooms.assertOwner(roomId, actor.id);
    const before = room.accessMode;
    if (dto.name !== undefined) room.name = dto.name;
    if (dto.description !== undefined) room.description = dto.description;
    if (dto.maxParticipants !== undefined) room.maxParticipants = dto.maxParticipants;
    if (dto.accessMode !== undefined) room.accessMode = dto.accessMode;
    if (dto.allowGuests !== undefined) room.allowGuests = dto.allowGuests;
    await this.roomRepo.update(
      { id: roomId },
      {
        name: room.name,
        description: room.description,
        maxParticipants: room.maxParticipants,
        accessMode: room.accessMode,
        allowGuests: room.allowGuests,
      },
    );
    return this.changed(room, before);
  }

  /** A new invite link; the old one stops working at once. */
  async regenerateInvite(actor: PublicUser, roomId: string): Promise<Room> {
    const room = await this.rooms.assertOwner(roomId, actor.id);
    room.inviteToken = newInviteToken();
    await this.roomRepo.update({ id: roomId }, { inviteToken: room.inviteToken });
    return this.changed(room, room.accessMode);
  }

  /** Deletes the room with its messages, members, bans and call history; whoever is in it leaves. */
  async remove(actor: PublicUser, roomId: string): Promise<void> {
    await this.rooms.assertOwner(roomId, actor.id);
    await this.roomRepo.manager.transaction(async (tx) => {
      const calls = tx
        .createQueryBuilder()
        .subQuery()
        .select('s.id')
        .from(CallSessionEntity, 's')
        .where('s.room_id = :roomId')
        .getQuery();
      for (const entity of [CallQualitySampleEntity, CallParticipantEntity])
        await tx
          .createQueryBuilder()
          .delete()
          .from(entity)
          .where(`call_id IN ${calls}`, { roomId })
          .execute();
      for (const entity of [
        CallSessionEntity,
        MessageReactionEntity,
        MessageMentionEntity,
        ReadMarkerEntity,
        MessageEntity,
        RoomBanEntity,
        RoomMemberEntity,
      ])
        await tx.delete(entity, { roomId });
      await tx.delete(RoomEntity, { id: roomId });
    });
    await this.lobby.settle(roomId, false);
    this.events.emit(RoomEvent.Deleted, { roomId });
  }

  /** Promotes a member to moderator or back (owner only; the owner's own role never changes). */
  async setRole(
    actor: PublicUser,
    roomId: string,
    userId: string,
    dto: SetRoleDto,
  ): Promise<RoomMember> {
    await this.rooms.assertOwner(roomId, actor.id);
    const member = await this.members.findOneBy({ roomId, userId });
    if (!member) throw AppError.notFound('Member');
    if (member.role === 'owner')
      throw AppError.validation({ role: ['the owner’s role cannot change'] });
    if (member.role !== dto.role) {
      await this.members.update({ roomId, userId }, { role: dto.role });
      this.events.emit(RoomEvent.RoleChanged, { roomId, userId, role: dto.role });
    }
    const [row] = await this.memberRows(roomId, userId);
    if (!row) throw AppError.notFound('Member');
    return row;
  }

  /** Every member with their role: owner, then moderators, then members (members only). */
  async list(actor: PublicUser, roomId: string): Promise<RoomMembersResponse> {
    await this.rooms.assertMember(roomId, actor.id);
    const items = await this.memberRows(roomId);
    items.sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.user.username.localeCompare(b.user.username),
    );
    return { items };
  }

  private async memberRows(roomId: string, userId?: string): Promise<RoomMember[]> {
    const qb = this.members
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
      .select(['m.user_id AS userId', 'u.username AS username', 'm.role AS role'])
      .addSelect('m.joined_at', 'joinedAt')
      .where('m.room_id = :roomId', { roomId });
    if (userId) qb.andWhere('m.user_id = :userId', { userId });
    const rows = await qb.getRawMany<{
      userId: string;
      username: string;
      role: RoomRole;
      joinedAt: Date | string;
    }>();
    return rows.map((r) => ({
      user: { id: r.userId, username: r.username },
      role: r.role,
      joinedAt: toDate(r.joinedAt).toISOString(),
    }));
  }

  private async changed(room: RoomEntity, modeBefore: RoomEntity['accessMode']): Promise<Room> {
    const result = toRoom(room);
    this.events.emit(RoomEvent.Updated, { room: result });
    // Nobody waits in a room that has no lobby any more: opening lets them in, locking does not.
    if (modeBefore === 'lobby' && room.accessMode !== 'lobby')
      await this.lobby.settle(room.id, room.accessMode === 'open');
    return result;
  }
}

/** SQLite gives raw datetimes back as UTC text without a zone; MySQL as Date. */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
