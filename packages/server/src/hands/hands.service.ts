import type { HandQueueEvent, RaisedHand } from '@minimeet/contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CallEvent, type CallEnded, type PeerDetached } from '../calls/calls.events';
import { CallsService } from '../calls/calls.service';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents, OnDomainEvent } from '../common/domain-events';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import { RedisService } from '../redis/redis.module';
import { RoomsService } from '../rooms/rooms.service';
import type { LowerHandDto, ReactionDto } from './dto/hands.dto';
import { HandsEvent } from './hands.events';
import { HAND_STORE, type HandStore, type StoredHand } from './hands.store';

const publicHand = ({ userId, username, raisedAt }: StoredHand): RaisedHand => ({
  userId,
  username,
  raisedAt,
});

/**
 * Raise hand and reactions in a room's call. People in the call raise and lower their own hand;
 * a moderator lowers anyone's. The queue is kept by the store (Redis across processes) in the
 * order hands went up, and a hand goes down when its peer leaves the call.
 */
@Injectable()
export class HandsService {
  private readonly logger = new Logger('Hands');
  private readonly handLimiter: Limiter;
  private readonly reactionLimiter: Limiter;

  constructor(
    @Inject(HAND_STORE) private readonly store: HandStore,
    private readonly calls: CallsService,
    private readonly rooms: RoomsService,
    private readonly events: DomainEvents,
    private readonly redis: RedisService,
    limits: RateLimitService,
  ) {
    this.handLimiter = limits.create({ name: 'hand', points: 20, durationSeconds: 10 });
    this.reactionLimiter = limits.create({ name: 'reaction', points: 20, durationSeconds: 10 });
  }

  async raise(actor: Actor, roomId: string): Promise<HandQueueEvent> {
    const { peerId } = await this.calls.membership(actor, roomId);
    await this.handLimiter.consume(actor.user.id);
    const before = await this.store.list(roomId);
    const hands = await this.store.raise(roomId, {
      userId: actor.user.id,
      username: actor.user.username,
      raisedAt: new Date().toISOString(),
      peerId,
    });
    if (!before.some((h) => h.userId === actor.user.id)) this.changed(roomId, hands);
    return { roomId, hands: hands.map(publicHand) };
  }

  async lower(actor: Actor, dto: LowerHandDto): Promise<HandQueueEvent> {
    const { roomId } = dto;
    const target = dto.userId ?? actor.user.id;
    await this.rooms.assertMember(roomId, actor.user.id);
    if (target !== actor.user.id && !(await this.rooms.canModerate(roomId, actor.user.id)))
      throw AppError.forbidden("Only a moderator can lower someone else's hand");
    await this.handLimiter.consume(actor.user.id);
    const { hands, changed } = await this.store.lower(roomId, target);
    if (changed) this.changed(roomId, hands);
    return { roomId, hands: hands.map(publicHand) };
  }

  async list(actor: Actor, roomId: string): Promise<HandQueueEvent> {
    await this.rooms.assertMember(roomId, actor.user.id);
    return { roomId, hands: (await this.store.list(roomId)).map(publicHand) };
  }

  async react(actor: Actor, dto: ReactionDto): Promise<null> {
    const { peerId } = await this.calls.membership(actor, dto.roomId);
    await this.reactionLimiter.consume(actor.user.id);
    this.events.emit(HandsEvent.ReactionSent, {
      roomId: dto.roomId,
      peerId,
      userId: actor.user.id,
      username: actor.user.username,
      emoji: dto.emoji,
    });
    return null;
  }

  @OnDomainEvent(CallEvent.PeerDetached)
  peerLeft(e: PeerDetached): void {
    this.background(async () => {
      const hands = await this.store.lowerPeer(e.roomId, e.peerId);
      if (hands) this.changed(e.roomId, hands);
    });
  }

  @OnDomainEvent(CallEvent.CallEnded)
  callEnded(e: CallEnded): void {
    this.background(() => this.store.clear(e.roomId));
  }

  private changed(roomId: string, hands: StoredHand[]): void {
    this.events.emit(HandsEvent.QueueChanged, { roomId, hands: hands.map(publicHand) });
  }

  private background(work: () => Promise<void>): void {
    this.redis
      .track(work())
      .catch((e: unknown) => this.logger.warn(`hand queue update failed: ${String(e)}`));
  }
}
