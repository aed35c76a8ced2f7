import type {
  SessionDescription,
  SfuCandidatePayload,
  SfuConfigurePayload,
  SfuJoinResult,
  SfuPublishPayload,
} from '@minimeet/contract';
import { ErrorCode } from '@minimeet/contract';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CallEvent, type CallEnded, type PeerDetached } from '../calls/calls.events';
import { CallsService } from '../calls/calls.service';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents, OnDomainEvent } from '../common/domain-events';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RedisService } from '../redis/redis.module';
import type { JanusInstance } from './janus-instance';
import { JanusPoolService } from './janus-pool.service';
import { PeerMedia, type PeerKey } from './peer-media';
import { SfuEvent } from './sfu.events';
import { SfuRooms } from './sfu-rooms';

/**
 * SFU signalling for the call peers of this process's connections. Every request is checked:
 * the connection's own peer must be in the room's call, and the call must be on the SFU. Browsers
 * never name a Janus room or feed: the server picks both, so nobody can reach another call's media.
 */
@Injectable()
export class SfuService implements OnApplicationShutdown {
  private readonly logger = new Logger('SFU');
  private readonly rooms: SfuRooms;
  /** This process's peers on the SFU, by peerId. */
  private readonly peers = new Map<string, PeerMedia>();
  /** Joins in progress, so a second sfuJoin of the same peer waits for the first. */
  private readonly joining = new Map<string, Promise<PeerMedia>>();
  private readonly limiter: Limiter;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly calls: CallsService,
    private readonly pool: JanusPoolService,
    private readonly events: DomainEvents,
    redis: RedisService,
    limits: RateLimitService,
  ) {
    this.rooms = new SfuRooms(redis.client, redis.prefix, config.sfu.maxParticipants);
    this.limiter = limits.create({ name: 'sfu', points: 400, durationSeconds: 10 });
    pool.onInstanceLost((instance) => this.lost(instance));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.peers.values()].map((p) => p.close()));
    this.peers.clear();
  }

  /** Enters the call's SFU room; the subscriber offer follows as its own event. */
  async join(actor: Actor, roomId: string): Promise<SfuJoinResult> {
    const { peerId, callId } = await this.check(actor, roomId);
    const existing = this.peers.get(peerId);
    if (existing) {
      // Joining again (the browser restarted its connections): start from scratch.
      this.peers.delete(peerId);
      await existing.close();
    }
    let pending = this.joining.get(peerId);
    if (!pending) {
      pending = this.open({ roomId, callId, peerId, connectionId: actor.connectionId });
      this.joining.set(peerId, pending);
      void pending.finally(() => this.joining.delete(peerId)).catch(() => undefined);
    }
    const media = await pending;
    return { publishers: media.publishers };
  }

  async publish(actor: Actor, dto: SfuPublishPayload): Promise<{ answer: SessionDescription }> {
    const media = await this.media(actor, dto.roomId);
    const answer = await media.publish(dto.offer, dto.screenMid ?? null);
    return { answer };
  }

  async answer(actor: Actor, roomId: string, answer: SessionDescription): Promise<null> {
    await (await this.media(actor, roomId)).answer(answer);
    return null;
  }

  async candidate(actor: Actor, dto: SfuCandidatePayload): Promise<null> {
    await (await this.media(actor, dto.roomId)).candidate(dto.target, dto.candidate);
    return null;
  }

  async configure(actor: Actor, dto: SfuConfigurePayload): Promise<null> {
    await (await this.media(actor, dto.roomId)).configure(dto.streams);
    return null;
  }

  /** A peer left the call (or was replaced): its Janus session goes. */
  @OnDomainEvent(CallEvent.PeerDetached)
  detached(e: PeerDetached): void {
    const media = this.peers.get(e.peerId);
    if (!media) return;
    this.peers.delete(e.peerId);
    void media.close();
  }

  /** The call is over: its videoroom is destroyed and its pin dropped. */
  @OnDomainEvent(CallEvent.CallEnded)
  ended(e: CallEnded): void {
    if (!this.pool.enabled) return;
    void (async () => {
      const instance = await this.pool.instanceFor(e.callId);
      await this.rooms.destroy(e.callId, instance);
      await this.pool.forget(e.callId);
    })().catch((error: unknown) =>
      this.logger.warn(`closing the SFU room of call ${e.callId} failed: ${describe(error)}`),
    );
  }

  private async open(key: PeerKey): Promise<PeerMedia> {
    const instance = await this.pool.instanceFor(key.callId);
    try {
      const room = await this.rooms.ensure(key.callId, instance);
      const session = await instance.session();
      const media = await PeerMedia.join(
        key,
        { url: instance.url, generation: instance.generation, room: room.room, session },
        {
          offer: (event) =>
            this.events.emit(SfuEvent.OfferReady, { connectionId: key.connectionId, event }),
          talking: (peerId, talking) =>
            this.events.emit(SfuEvent.TalkingChanged, {
              connectionId: key.connectionId,
              event: { roomId: key.roomId, peerId, talking },
            }),
        },
      );
      this.peers.set(key.peerId, media);
      return media;
    } catch (error) {
      this.logger.warn(`SFU join of peer ${key.peerId} failed: ${describe(error)}`);
      throw new AppError(ErrorCode.UNAVAILABLE, 'The media server is not reachable; retrying');
    }
  }

  /** The instance's rooms and handles are gone: its peers here start their media again. */
  private lost(instance: JanusInstance): void {
    for (const [peerId, media] of this.peers) {
      if (media.instanceUrl !== instance.url) continue;
      this.peers.delete(peerId);
      void media.close();
      this.events.emit(SfuEvent.RestartNeeded, {
        connectionId: media.key.connectionId,
        event: { roomId: media.key.roomId },
      });
    }
  }

  /** The actor's own peer in the room's call, once checked that the call is on the SFU. */
  private async check(actor: Actor, roomId: string): Promise<{ peerId: string; callId: string }> {
    await this.limiter.consume(actor.user.id);
    const { peerId, callId, media } = await this.calls.membership(actor, roomId);
    if (media !== 'sfu') throw AppError.forbidden('This call does not use the media server');
    return { peerId, callId };
  }

  private async media(actor: Actor, roomId: string): Promise<PeerMedia> {
    const { peerId } = await this.check(actor, roomId);
    const media = this.peers.get(peerId) ?? (await this.joining.get(peerId));
    if (!media) throw AppError.forbidden('Join the media server first');
    return media;
  }
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));
