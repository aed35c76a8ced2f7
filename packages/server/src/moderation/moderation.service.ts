import type {
  MediaBlocksEvent,
  ModeratedMedia,
  ModerationLogResponse,
  RoomBansResponse,
  RoomRole,
} from '@minimeet/contract';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CallEvent, type CallEnded } from '../calls/calls.events';
import { CallsService } from '../calls/calls.service';
import { MessagesService } from '../chat/messages.service';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents, OnDomainEvent } from '../common/domain-events';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import { RoomBanEntity } from '../database/entities/room-ban.entity';
import { RoomMemberEntity } from '../database/entities/room-member.entity';
import { UserEntity } from '../database/entities/user.entity';
import { PresenceService } from '../presence/presence.service';
import { RedisService } from '../redis/redis.module';
import { RoomsService } from '../rooms/rooms.service';
import type {
  DeleteMessageDto,
  MuteMediaDto,
  RemoveMemberDto,
  UnblockMediaDto,
} from './dto/moderation.dto';
import { MEDIA_BLOCK_STORE, type MediaBlockStore } from './media-blocks.store';
import { ModerationLogService } from './moderation-log.service';
import { ModerationEvent } from './moderation.events';

/** Who acts: a signed-in user (from a socket or a REST request). */
type Moderator = Pick<Actor, 'user'>;

const MEDIA_NAME: Record<ModeratedMedia, string> = {
  audio: 'microphone',
  video: 'camera',
  screen: 'screen share',
};

/**
 * What the owner and moderators of a room do to the people in it: turn off (and block) their
 * microphone, camera or screen share, remove (and ban) them, end the call for everyone, delete a
 * message. A moderator acts on members only; the owner also on moderators; nobody on the owner.
 * Every action is rate-limited per moderator and recorded in the moderation log.
 */
@Injectable()
export class ModerationService implements OnModuleInit {
  private readonly logger = new Logger('Moderation');
  private readonly limiter: Limiter;

  constructor(
    @InjectRepository(RoomMemberEntity) private readonly members: Repository<RoomMemberEntity>,
    @InjectRepository(RoomBanEntity) private readonly bans: Repository<RoomBanEntity>,
    @Inject(MEDIA_BLOCK_STORE) private readonly blocks: MediaBlockStore,
    private readonly rooms: RoomsService,
    private readonly calls: CallsService,
    private readonly messages: MessagesService,
    private readonly presence: PresenceService,
    private readonly log: ModerationLogService,
    private readonly events: DomainEvents,
    private readonly redis: RedisService,
    limits: RateLimitService,
  ) {
    this.limiter = limits.create({ name: 'moderation', points: 30, durationSeconds: 60 });
  }

  onModuleInit(): void {
    this.calls.setMediaGuard((roomId, userId, media) => this.checkMedia(roomId, userId, media));
  }

  async mute(actor: Moderator, dto: MuteMediaDto): Promise<null> {
    const { roomId, userId, kind } = dto;
    await this.assertCanActOn(roomId, actor.user.id, userId);
    await this.limiter.consume(actor.user.id);
    const block = dto.block === true;
    if (block) await this.blocks.block(roomId, userId, kind);
    const inCall = await this.calls.forceMediaOff(roomId, userId, kind);
    if (!inCall && !block) throw AppError.notFound('Participant in the call');
    this.events.emit(ModerationEvent.MediaModerated, { roomId, userId, kind, blocked: block });
    await this.log.record({
      roomId,
      actorId: actor.user.id,
      action: 'mute',
      targetUserId: userId,
      details: { kind, block },
    });
    return null;
  }

  async unblock(actor: Moderator, dto: UnblockMediaDto): Promise<null> {
    const { roomId, userId, kind } = dto;
    await this.assertCanActOn(roomId, actor.user.id, userId);
    await this.limiter.consume(actor.user.id);
    if (!(await this.blocks.unblock(roomId, userId, kind))) throw AppError.notFound('Block');
    this.events.emit(ModerationEvent.MediaUnblocked, { roomId, userId, kind });
    await this.log.record({
      roomId,
      actorId: actor.user.id,
      action: 'unblock',
      targetUserId: userId,
      details: { kind },
    });
    return null;
  }

  /** The media the actor is kept from turning on in the room's call. */
  async myBlocks(actor: Moderator, roomId: string): Promise<MediaBlocksEvent> {
    await this.rooms.assertMember(roomId, actor.user.id);
    return { roomId, blocked: await this.blocks.blocked(roomId, actor.user.id) };
  }

  /**
   * Removes a member (and bans them): the membership goes, every connection of theirs leaves the
   * room and its call on every process, and they are told.
   */
  async remove(actor: Moderator, dto: RemoveMemberDto): Promise<null> {
    const { roomId, userId } = dto;
    await this.assertCanActOn(roomId, actor.user.id, userId);
    await this.limiter.consume(actor.user.id);
    const banned = dto.ban === true;
    await this.members.manager.transaction(async (tx) => {
      await tx.delete(RoomMemberEntity, { roomId, userId });
      if (banned && !(await tx.existsBy(RoomBanEntity, { roomId, userId })))
        await tx.insert(RoomBanEntity, {
          roomId,
          userId,
          bannedBy: actor.user.id,
          createdAt: new Date(),
        });
    });
    await this.evictLocal(roomId, userId);
    await this.calls.removeUser(roomId, userId);
    this.events.emit(ModerationEvent.MemberRemoved, { roomId, userId, banned });
    await this.presence.announce(roomId);
    await this.log.record({
      roomId,
      actorId: actor.user.id,
      action: banned ? 'ban' : 'remove',
      targetUserId: userId,
    });
    return null;
  }

  /** Takes this process's connections of the user out of the room (and so out of its call). */
  async evictLocal(roomId: string, userId: string): Promise<void> {
    this.rooms.forgetMembers(roomId);
    const user = { id: userId, username: '' };
    for (const connectionId of this.presence.localConnections(roomId, userId))
      await this.rooms.leave({ user, connectionId }, roomId);
  }

  /** Another process removed the user: this one's connections of theirs leave too. */
  evictedElsewhere(roomId: string, userId: string): void {
    this.redis
      .track(this.evictLocal(roomId, userId))
      .catch((e: unknown) => this.logger.warn(`eviction failed: ${String(e)}`));
  }

  async unban(actor: Moderator, roomId: string, userId: string): Promise<null> {
    await this.rooms.assertModerator(roomId, actor.user.id);
    await this.limiter.consume(actor.user.id);
    const { affected } = await this.bans.delete({ roomId, userId });
    if (!affected) throw AppError.notFound('Ban');
    await this.log.record({
      roomId,
      actorId: actor.user.id,
      action: 'unban',
      targetUserId: userId,
    });
    return null;
  }

  async listBans(actor: Moderator, roomId: string): Promise<RoomBansResponse> {
    await this.rooms.assertModerator(roomId, actor.user.id);
    const rows = await this.bans
      .createQueryBuilder('b')
      .innerJoin(UserEntity, 'u', 'u.id = b.user_id')
      .innerJoin(UserEntity, 'm', 'm.id = b.banned_by')
      .select(['b.user_id AS userId', 'u.username AS username'])
      .addSelect(['b.banned_by AS byId', 'm.username AS byName'])
      .addSelect('b.created_at', 'createdAt')
      .where('b.room_id = :roomId', { roomId })
      .orderBy('b.created_at', 'DESC')
      .getRawMany<{
        userId: string;
        username: string;
        byId: string;
        byName: string;
        createdAt: Date | string;
      }>();
    return {
      items: rows.map((r) => ({
        user: { id: r.userId, username: r.username },
        bannedBy: { id: r.byId, username: r.byName },
        createdAt: toDate(r.createdAt).toISOString(),
      })),
    };
  }

  /** Ends the room's call for everyone in it: they are told, then taken out. */
  async endCall(actor: Moderator, roomId: string): Promise<null> {
    await this.rooms.assertModerator(roomId, actor.user.id);
    await this.limiter.consume(actor.user.id);
    if (!(await this.calls.hasCall(roomId))) throw AppError.notFound('Call');
    this.events.emit(ModerationEvent.CallEnded, { roomId });
    await this.calls.endCall(roomId);
    await this.log.record({ roomId, actorId: actor.user.id, action: 'endCall' });
    return null;
  }

  async deleteMessage(actor: Moderator, dto: DeleteMessageDto): Promise<null> {
    const { roomId } = dto;
    await this.rooms.assertModerator(roomId, actor.user.id);
    await this.limiter.consume(actor.user.id);
    const messageId = Number(dto.messageId);
    const deleted = await this.messages.softDelete(roomId, messageId, actor.user.id);
    if (!deleted) throw AppError.notFound('Message');
    this.events.emit(ModerationEvent.MessageDeleted, { roomId, messageId: dto.messageId });
    await this.log.record({
      roomId,
      actorId: actor.user.id,
      action: 'deleteMessage',
      targetUserId: deleted.senderId,
      messageId,
    });
    return null;
  }

  async logPage(actor: Moderator, roomId: string, cursor?: string): Promise<ModerationLogResponse> {
    await this.rooms.assertModerator(roomId, actor.user.id);
    return this.log.page(roomId, cursor);
  }

  @OnDomainEvent(CallEvent.CallEnded)
  callEnded(e: CallEnded): void {
    this.redis
      .track(this.blocks.clear(e.roomId))
      .catch((err: unknown) => this.logger.warn(`clearing media blocks failed: ${String(err)}`));
  }

  /** Refuses turning on media a moderator blocked (the guard CallsService runs on mediaState). */
  private async checkMedia(
    roomId: string,
    userId: string,
    media: Record<ModeratedMedia, boolean>,
  ): Promise<void> {
    const blocked = (await this.blocks.blocked(roomId, userId)).filter((kind) => media[kind]);
    const [first] = blocked;
    if (first)
      throw AppError.forbidden(
        `A moderator blocked your ${MEDIA_NAME[first]}: you cannot turn it on until they unblock it`,
      );
  }

  /**
   * The actor may act on the target: the actor is the owner or a moderator, the target another
   * member; a moderator does not act on the owner or on other moderators (only the owner does).
   */
  private async assertCanActOn(roomId: string, actorId: string, targetId: string): Promise<void> {
    await this.rooms.assertModerator(roomId, actorId);
    if (targetId === actorId)
      throw AppError.validation({ userId: ['you cannot do that to yourself'] });
    const [actorRole, targetRole] = await Promise.all([
      this.rooms.roleOf(roomId, actorId),
      this.rooms.roleOf(roomId, targetId),
    ]);
    if (!targetRole) throw AppError.notFound('Member');
    if (targetRole === 'owner') throw AppError.forbidden('Nobody can do that to the room’s owner');
    if (targetRole === 'moderator' && actorRole !== ('owner' satisfies RoomRole))
      throw AppError.forbidden('Only the owner can do that to a moderator');
  }
}

/** SQLite gives raw datetimes back as UTC text without a zone; MySQL as Date. */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
