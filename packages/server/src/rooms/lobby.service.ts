import type { KnockResult, LobbyEntry, LobbyResponse, PublicUser } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/domain-events';
import { RedisService } from '../redis/redis.module';
import type { KnockDto, LobbyDecisionDto } from './dto/room.dto';
import { MemoryLobbyStore, type LobbyStore, type LobbyWaiter } from './lobby.store';
import { RedisLobbyStore } from './redis-lobby.store';
import { RoomEvent } from './rooms.events';
import { RoomsService } from './rooms.service';

const toEntry = (w: LobbyWaiter): LobbyEntry => ({
  userId: w.userId,
  username: w.username,
  since: new Date(w.since).toISOString(),
});

/**
 * The lobby of a room in `lobby` mode: people with the invite link knock and wait; the room's
 * owner and moderators see the waiting list live and admit (they become members) or deny them.
 * The list is in Redis when several processes share it, so any moderator anywhere can answer.
 */
@Injectable()
export class LobbyService {
  private readonly store: LobbyStore;
  /** Knocks from this process's connections: connectionId -> (roomId -> userId). */
  private readonly local = new Map<string, Map<string, string>>();

  constructor(
    private readonly rooms: RoomsService,
    private readonly events: DomainEvents,
    redis: RedisService,
  ) {
    this.store = redis.client
      ? new RedisLobbyStore(redis.client, redis.prefix)
      : new MemoryLobbyStore();
  }

  /**
   * Someone with the invite link asks to come in: a member (or anyone, in an open room) is
   * admitted at once; in a lobby room they wait; a locked room refuses (ROOM_LOCKED).
   */
  async knock(actor: Actor, dto: KnockDto): Promise<KnockResult> {
    const { user, connectionId } = actor;
    const room = await this.rooms.findByInvite(dto.inviteToken);
    const admitted: KnockResult = { roomId: room.id, status: 'admitted' };
    if (await this.rooms.isMember(room.id, user.id)) {
      if (await this.rooms.isBanned(room.id, user.id))
        throw AppError.forbidden('You cannot join this room');
      return admitted;
    }
    await this.rooms.checkNewcomer(room, user, dto.inviteToken);
    if (room.accessMode === 'open') {
      await this.rooms.addMember(room.id, user.id);
      return admitted;
    }
    await this.store.add(room.id, {
      userId: user.id,
      username: user.username,
      connectionId,
      since: Date.now(),
    });
    let rooms = this.local.get(connectionId);
    if (!rooms) this.local.set(connectionId, (rooms = new Map<string, string>()));
    rooms.set(room.id, user.id);
    await this.announce(room.id);
    return { roomId: room.id, status: 'waiting' };
  }

  /** The person stops waiting (they gave up, or closed the page). */
  async withdraw(actor: Actor, roomId: string): Promise<null> {
    this.local.get(actor.connectionId)?.delete(roomId);
    if (await this.store.take(roomId, actor.user.id)) await this.announce(roomId);
    return null;
  }

  /** A connection closed: it stops waiting wherever it knocked. */
  async disconnect(connectionId: string): Promise<void> {
    const rooms = this.local.get(connectionId);
    if (!rooms) return;
    this.local.delete(connectionId);
    for (const [roomId, userId] of rooms) {
      if (await this.store.takeIfFrom(roomId, userId, connectionId)) await this.announce(roomId);
    }
  }

  /** Who is waiting (owner and moderators only). */
  async waiting(moderator: PublicUser, roomId: string): Promise<LobbyResponse> {
    await this.rooms.assertModerator(roomId, moderator.id);
    return { items: (await this.store.list(roomId)).map(toEntry) };
  }

  /** Lets the person in: they become a member and are told to enter. */
  async admit(moderator: PublicUser, dto: LobbyDecisionDto): Promise<null> {
    await this.rooms.assertModerator(dto.roomId, moderator.id);
    const waiter = await this.takeWaiter(dto);
    await this.rooms.addMember(dto.roomId, waiter.userId);
    this.answer(dto.roomId, waiter.userId, true);
    await this.announce(dto.roomId);
    return null;
  }

  /** Turns the person away: they are told so. */
  async deny(moderator: PublicUser, dto: LobbyDecisionDto): Promise<null> {
    await this.rooms.assertModerator(dto.roomId, moderator.id);
    const waiter = await this.takeWaiter(dto);
    this.answer(dto.roomId, waiter.userId, false);
    await this.announce(dto.roomId);
    return null;
  }

  /**
   * The room's access mode changed or the room is gone: nobody waits any more. Opening the room
   * lets everyone waiting in; locking or deleting it turns them away.
   */
  async settle(roomId: string, admit: boolean): Promise<void> {
    const waiting = await this.store.clear(roomId);
    if (waiting.length === 0) return;
    for (const waiter of waiting) {
      if (admit) await this.rooms.addMember(roomId, waiter.userId);
      this.answer(roomId, waiter.userId, admit);
    }
    await this.announce(roomId);
  }

  private async takeWaiter({ roomId, userId }: LobbyDecisionDto): Promise<LobbyWaiter> {
    const waiter = await this.store.take(roomId, userId);
    if (!waiter) throw AppError.notFound('Person waiting');
    return waiter;
  }

  private answer(roomId: string, userId: string, admitted: boolean): void {
    this.events.emit(RoomEvent.KnockAnswered, { roomId, userId, admitted });
  }

  private async announce(roomId: string): Promise<void> {
    const [waiting, moderatorIds] = await Promise.all([
      this.store.list(roomId),
      this.rooms.moderatorIds(roomId),
    ]);
    this.events.emit(RoomEvent.LobbyChanged, {
      roomId,
      waiting: waiting.map(toEntry),
      moderatorIds,
    });
  }
}
