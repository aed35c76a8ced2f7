import type {
  CallLimitsResponse,
  CallMedia,
  IceServersResponse,
  JoinCallResult,
  MediaFlags,
} from '@minimeet/contract';
import { ErrorCode } from '@minimeet/contract';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents, OnDomainEvent } from '../common/domain-events';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PresenceEvent, type ConnectionLeft } from '../presence/presence.events';
import { PresenceService } from '../presence/presence.service';
import { RoomsService } from '../rooms/rooms.service';
import { JanusPoolService } from '../sfu/janus-pool.service';
import { CallHistoryService } from './call-history.service';
import { toCallPeer } from './call.mapper';
import { CALL_STORE, type CallInfo, type CallPeerEntry, type CallStore } from './call.store';
import { CallEvent } from './calls.events';
import type { JoinCallDto, MediaStateDto } from './dto/call.dto';
import { IceServersService } from '../rtc/ice-servers.service';
import { LocalPeers } from './local-peers';

/** Decides whether a user may turn media on (moderation blocks); throws an AppError when not. */
export type MediaGuard = (roomId: string, userId: string, media: MediaFlags) => Promise<void>;

/** Media a peer is assumed to send when its joinCall does not say. */
const DEFAULT_MEDIA: MediaFlags = { audio: true, video: true, screen: false };

/**
 * Call membership of connections: join (with capacity and one peer per user), leave, media
 * state, and the grace period that lets a dropped connection come back before it leaves.
 */
@Injectable()
export class CallsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Calls');
  private readonly local = new LocalPeers();
  /** Peers whose connection dropped, removed when the grace period ends: peerId -> timer. */
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private readonly joinLimiter: Limiter;
  private readonly mediaLimiter: Limiter;
  private closing = false;
  /** Expiries and sweeps in progress (awaited on shutdown). */
  private readonly running = new Set<Promise<void>>();
  private sweeper: NodeJS.Timeout | null = null;
  private mediaGuard: MediaGuard | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CALL_STORE) private readonly store: CallStore,
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
    private readonly events: DomainEvents,
    private readonly history: CallHistoryService,
    private readonly ice: IceServersService,
    private readonly sfu: JanusPoolService,
    limits: RateLimitService,
  ) {
    this.joinLimiter = limits.create({
      name: 'call-join',
      points: 10,
      durationSeconds: 10,
    });
    this.mediaLimiter = limits.create({
      name: 'call-media',
      points: 30,
      durationSeconds: 10,
    });
  }

  async onModuleInit(): Promise<void> {
    if (!this.store.shared) return;
    // Several processes: keep ours alive, and remove the peers of processes that died.
    await this.store.heartbeat();
    const interval = Math.max(250, Math.floor(this.config.presenceTtlMs / 3));
    this.sweeper = setInterval(() => this.background('call sweep', () => this.sweep()), interval);
    this.sweeper.unref();
  }

  /**
   * Shutting down: no new grace periods for the connections about to be closed, and expiries already
   * running finish while Redis and the database are still there.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
    await Promise.all(this.running);
  }

  async join(actor: Actor, dto: JoinCallDto): Promise<JoinCallResult> {
    const { roomId } = dto;
    const { user, connectionId } = actor;
    await this.joinLimiter.consume(user.id);
    if (!(await this.rooms.isMember(roomId, user.id)))
      throw AppError.forbidden('You are not a member of this room');
    if (!this.presence.isHere(roomId, connectionId))
      throw AppError.forbidden('Join the room first');

    const now = Date.now();
    const peer: CallPeerEntry = {
      peerId: randomUUID(),
      userId: user.id,
      username: user.username,
      socketId: connectionId,
      media: dto.media ? flags(dto.media) : { ...DEFAULT_MEDIA },
      joinedAt: now,
    };
    const outcome = await this.store.join(roomId, peer, this.capacity(), {
      callId: randomUUID(),
      roomId,
      startedAt: now,
    });
    if (!outcome) throw new AppError(ErrorCode.ROOM_FULL, 'The call is full');
    const { call, replaced } = outcome;
    // Another tab, a dropped connection, or this one joining again: its old peer leaves first.
    if (replaced)
      await this.detach(roomId, replaced, call, { ended: false, exceptConnection: connectionId });
    // Before the joiner is attached: the others move to the SFU, the joiner learns it from the ack.
    const media = await this.transportFor(call, outcome.others.length + 1);

    this.local.set(connectionId, roomId, peer.peerId);
    this.events.emit(CallEvent.PeerAttached, { roomId, peerId: peer.peerId, connectionId });
    await Promise.all([
      outcome.started ? this.history.callStarted(call) : undefined,
      this.history.peerJoined(call.callId, peer),
      this.presence.setInCall(roomId, user.id, peer.peerId, true),
    ]);
    if (!replaced) await this.presence.announce(roomId);
    // Last, with nothing awaited after it: the joiner's ack leaves before any reply to this event.
    this.events.emit(CallEvent.PeerJoined, { roomId, peer: toCallPeer(peer), connectionId });
    return {
      callId: call.callId,
      peerId: peer.peerId,
      peers: outcome.others.map(toCallPeer),
      iceServers: this.ice.forUser(user.id).iceServers,
      media,
    };
  }

  async leave(actor: Actor, roomId: string): Promise<null> {
    const peerId = this.local.get(actor.connectionId, roomId);
    if (peerId) await this.remove(roomId, peerId);
    return null;
  }

  /**
   * A connection left a room: its peer there leaves the call too. The room's presence also ends
   * when the connection drops; then `disconnect` (run in the same turn, whichever gateway hears the
   * drop first) has taken the connection's peers for the grace period, so the check waits until
   * that synchronous dispatch is over (a microtask). From then on the connection cannot signal.
   */
  @OnDomainEvent(PresenceEvent.ConnectionLeft)
  roomLeft(e: ConnectionLeft): void {
    if (!this.local.get(e.connectionId, e.roomId)) return;
    queueMicrotask(() => {
      const peerId = this.local.get(e.connectionId, e.roomId);
      if (!peerId || this.closing) return;
      this.local.delete(e.connectionId, e.roomId, peerId);
      this.background('leaving the call with the room', () => this.remove(e.roomId, peerId));
    });
  }

  /** A connection dropped: its peers stay for the grace period, so a quick reconnect can take over. */
  disconnect(connectionId: string): void {
    const peers = this.local.take(connectionId);
    if (this.closing) return;
    for (const [roomId, peerId] of peers) this.expireLater(roomId, peerId);
  }

  /** Another feature (moderation) checks each media change before it is accepted. */
  setMediaGuard(guard: MediaGuard): void {
    this.mediaGuard = guard;
  }

  async setMedia(actor: Actor, dto: MediaStateDto): Promise<null> {
    await this.mediaLimiter.consume(actor.user.id);
    const me = await this.self(actor, dto.roomId);
    const media = flags(dto);
    if (this.mediaGuard) await this.mediaGuard(dto.roomId, actor.user.id, media);
    if (!(await this.store.setMedia(dto.roomId, me.peerId, media)))
      throw AppError.forbidden('Join the call first');
    this.events.emit(CallEvent.PeerMediaChanged, {
      roomId: dto.roomId,
      peerId: me.peerId,
      connectionId: actor.connectionId,
      media,
    });
    return null;
  }

  /**
   * Turns one kind of a user's media off in the room's call, as a moderator asked, and tells the
   * call. False when the user has no peer in it.
   */
  async forceMediaOff(roomId: string, userId: string, kind: keyof MediaFlags): Promise<boolean> {
    const peer = (await this.store.peers(roomId)).find((p) => p.userId === userId);
    if (!peer) return false;
    const media = { ...peer.media, [kind]: false };
    if (!(await this.store.setMedia(roomId, peer.peerId, media))) return false;
    this.events.emit(CallEvent.PeerMediaChanged, {
      roomId,
      peerId: peer.peerId,
      connectionId: peer.socketId,
      media,
    });
    return true;
  }

  /** Takes the user's peer out of the room's call (on whichever process it is). */
  async removeUser(roomId: string, userId: string): Promise<void> {
    for (const peer of await this.store.peers(roomId))
      if (peer.userId === userId) await this.remove(roomId, peer.peerId);
  }

  async hasCall(roomId: string): Promise<boolean> {
    return (await this.store.call(roomId)) !== null;
  }

  /** Takes every peer out of the room's call: the call ends. False when there was no call. */
  async endCall(roomId: string): Promise<boolean> {
    const peers = await this.store.peers(roomId);
    for (const peer of peers) await this.remove(roomId, peer.peerId);
    return peers.length > 0;
  }

  /** The actor's peer in the room's call, the call and its transport; FORBIDDEN when not in it. */
  async membership(
    actor: Actor,
    roomId: string,
  ): Promise<{ peerId: string; callId: string; media: CallMedia }> {
    const me = await this.self(actor, roomId);
    const call = await this.store.call(roomId);
    if (!call) throw AppError.forbidden('Join the call first');
    const { policy } = this.config.sfu;
    let media: CallMedia = 'mesh';
    if (this.sfu.enabled && policy === 'sfu') media = 'sfu';
    else if (this.sfu.enabled && policy === 'auto') media = await this.store.transport(call.callId);
    return { peerId: me.peerId, callId: call.callId, media };
  }

  /** True when the user has a call peer in some room's call (on any process). */
  async inAnyCall(userId: string): Promise<boolean> {
    for (const { roomId, peerId } of await this.history.openStays(userId)) {
      if ((await this.store.peer(roomId, peerId))?.userId === userId) return true;
    }
    return false;
  }

  /** STUN/TURN servers with TURN credentials, for someone in a call only (FORBIDDEN otherwise). */
  async iceServersFor(userId: string): Promise<IceServersResponse> {
    if (!(await this.inAnyCall(userId))) throw AppError.forbidden('Join a call first');
    return this.ice.forUser(userId);
  }

  limits(): CallLimitsResponse {
    const { meshMax } = this.config.sfu;
    const sfu = this.sfu.enabled && this.config.sfu.policy !== 'mesh';
    return { meshMax, maxParticipants: this.capacity(), sfu };
  }

  /** How many people a call may hold: the SFU's limit when there is one, else the mesh's. */
  private capacity(): number {
    const { sfu } = this.config;
    return this.sfu.enabled && sfu.policy !== 'mesh' ? sfu.maxParticipants : sfu.meshMax;
  }

  /**
   * The call's transport once it has `size` people: the SFU when configured so, or (auto) from
   * the moment it grows past the mesh limit, for the rest of the call. Tells the call when it moves.
   */
  private async transportFor(call: CallInfo, size: number): Promise<CallMedia> {
    const { policy, meshMax } = this.config.sfu;
    if (!this.sfu.enabled || policy === 'mesh') return 'mesh';
    if (policy === 'sfu') return 'sfu';
    if ((await this.store.transport(call.callId)) === 'sfu') return 'sfu';
    if (size <= meshMax) return 'mesh';
    await this.store.setTransport(call.callId, 'sfu');
    this.events.emit(CallEvent.MediaChanged, {
      roomId: call.roomId,
      callId: call.callId,
      media: 'sfu',
    });
    return 'sfu';
  }

  /** The connection's own peer in the room's call; FORBIDDEN when it has none (or it was replaced). */
  async self(actor: Actor, roomId: string): Promise<CallPeerEntry> {
    const peerId = this.local.get(actor.connectionId, roomId);
    const peer = peerId ? await this.store.peer(roomId, peerId) : null;
    if (!peer) throw AppError.forbidden('Join the call first');
    return peer;
  }

  /** Removes a peer if it is still in the call, and tells the room. */
  private async remove(roomId: string, peerId: string): Promise<void> {
    const outcome = await this.store.leave(roomId, peerId);
    if (!outcome) return;
    await this.detach(roomId, outcome.peer, outcome.call, { ended: outcome.ended });
    await this.presence.announce(roomId);
  }

  /** What follows a peer's removal from the store: history, presence, and the call is told. */
  private async detach(
    roomId: string,
    peer: CallPeerEntry,
    call: CallInfo,
    options: { ended: boolean; exceptConnection?: string },
  ): Promise<void> {
    this.cancelExpiry(peer.peerId);
    this.local.delete(peer.socketId, roomId, peer.peerId);
    const at = new Date();
    await this.history.peerLeft(peer.peerId, at);
    if (options.ended) {
      await this.history.callEnded(call.callId, at);
      this.events.emit(CallEvent.CallEnded, { roomId, callId: call.callId });
    }
    await this.presence.setInCall(roomId, peer.userId, peer.peerId, false);
    const detached = { roomId, peerId: peer.peerId, connectionId: peer.socketId };
    this.events.emit(
      CallEvent.PeerDetached,
      options.exceptConnection
        ? { ...detached, exceptConnection: options.exceptConnection }
        : detached,
    );
  }
  private expireLater(roomId: string, peerId: string): void {
    this.cancelExpiry(peerId);
    const timer = setTimeout(() => {
      this.expiries.delete(peerId);
      this.background('call peer expiry', () => this.remove(roomId, peerId));
    }, this.config.callGraceMs);
    timer.unref();
    this.expiries.set(peerId, timer);
  }

  /** Removes the peers of dead processes (shared store only). */
  private async sweep(): Promise<void> {
    if (this.closing) return;
    await this.store.heartbeat();
    for (const { call, peer, ended } of await this.store.sweep()) {
      await this.detach(call.roomId, peer, call, { ended });
      await this.presence.announce(call.roomId);
    }
  }

  /** Work that runs outside any request (expiries, sweeps); shutdown waits for it. */
  private background(what: string, work: () => Promise<void>): void {
    const task = work().catch((e: unknown) => this.logger.warn(`${what} failed: ${describe(e)}`));
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  private cancelExpiry(peerId: string): void {
    const timer = this.expiries.get(peerId);
    if (timer) clearTimeout(timer);
    this.expiries.delete(peerId);
  }
}

const flags = (m: MediaFlags): MediaFlags => ({ audio: m.audio, video: m.video, screen: m.screen });
const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));
