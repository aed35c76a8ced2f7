import type { JoinCallResult, MediaFlags } from '@minimeet/contract';
import { ErrorCode, ServerEvent } from '@minimeet/contract';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError } from '../common/app-error';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PresenceService } from '../presence/presence.service';
import { RealtimeService } from '../realtime/realtime.service';
import { roomChannel, type AppSocket } from '../realtime/socket.types';
import { RoomsService } from '../rooms/rooms.service';
import { callChannel, peerChannel } from './call-channels';
import { CallHistoryService } from './call-history.service';
import { toCallPeer } from './call.mapper';
import { CALL_STORE, type CallInfo, type CallPeerEntry, type CallStore } from './call.store';
import type { JoinCallDto, MediaStateDto } from './dto/call.dto';
import { IceServersService } from './ice-servers.service';
import { LocalPeers } from './local-peers';

/** Media a peer is assumed to send when its joinCall does not say. */
const DEFAULT_MEDIA: MediaFlags = { audio: true, video: true, screen: false };

/**
 * Call membership of connected sockets: join (with capacity and one peer per user), leave,
 * media state, and the grace period that lets a dropped socket come back before it leaves.
 */
@Injectable()
export class CallsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Calls');
  private readonly local = new LocalPeers();
  /** Peers whose socket dropped, removed when the grace period ends: peerId -> timer. */
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private readonly joinLimiter: Limiter;
  private readonly mediaLimiter: Limiter;
  private closing = false;
  /** Expiries and sweeps in progress (awaited on shutdown). */
  private readonly running = new Set<Promise<void>>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CALL_STORE) private readonly store: CallStore,
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
    private readonly realtime: RealtimeService,
    private readonly history: CallHistoryService,
    private readonly ice: IceServersService,
    limits: RateLimitService,
  ) {
    this.joinLimiter = limits.create({
      name: 'call-join',
      points: 10,
      durationSeconds: 10,
      local: true,
    });
    this.mediaLimiter = limits.create({
      name: 'call-media',
      points: 30,
      durationSeconds: 10,
      local: true,
    });
  }

  async onModuleInit(): Promise<void> {
    this.presence.setInCallLookup(
      async (roomId) => new Set((await this.store.peers(roomId)).map((p) => p.userId)),
    );
    if (!this.store.shared) return;
    // Several processes: keep ours alive, and remove the peers of processes that died.
    await this.store.heartbeat();
    const interval = Math.max(250, Math.floor(this.config.presenceTtlMs / 3));
    this.sweeper = setInterval(() => this.background('call sweep', () => this.sweep()), interval);
    this.sweeper.unref();
  }

  /**
   * Shutting down: no new grace periods for the sockets about to be closed, and expiries already
   * running finish while Redis and the database are still there.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
    await Promise.all(this.running);
  }

  async join(socket: AppSocket, dto: JoinCallDto): Promise<JoinCallResult> {
    const { roomId } = dto;
    const user = socket.data.user;
    await this.joinLimiter.consume(socket.id);
    if (!(await this.rooms.isMember(roomId, user.id)))
      throw AppError.forbidden('You are not a member of this room');
    if (!this.presence.isHere(roomId, socket.id)) throw AppError.forbidden('Join the room first');

    const now = Date.now();
    const peer: CallPeerEntry = {
      peerId: randomUUID(),
      userId: user.id,
      username: user.username,
      socketId: socket.id,
      media: dto.media ? flags(dto.media) : { ...DEFAULT_MEDIA },
      joinedAt: now,
    };
    const outcome = await this.store.join(roomId, peer, this.config.callMaxPeers, {
      callId: randomUUID(),
      roomId,
      startedAt: now,
    });
    if (!outcome) throw new AppError(ErrorCode.ROOM_FULL, 'The call is full');
    const { call, replaced } = outcome;
    // Another tab, a dropped socket, or this socket joining again: its old peer leaves first.
    if (replaced)
      await this.detach(roomId, replaced, call, { ended: false, exceptSocket: socket.id });

    this.local.set(socket.id, roomId, peer.peerId);
    await socket.join([callChannel(roomId), peerChannel(peer.peerId)]);
    await Promise.all([
      outcome.started ? this.history.callStarted(call) : undefined,
      this.history.peerJoined(call.callId, peer),
    ]);
    if (!replaced) await this.broadcastParticipants(roomId);
    // Dropped while joining: handleDisconnect found nothing to clean, so start the grace period now.
    if (socket.disconnected) this.disconnect(socket);
    // Last, with nothing awaited after it: the joiner's ack leaves before any reply to this event.
    socket
      .to(callChannel(roomId))
      .emit(ServerEvent.CallPeerJoined, { roomId, peer: toCallPeer(peer) });
    return {
      callId: call.callId,
      peerId: peer.peerId,
      peers: outcome.others.map(toCallPeer),
      iceServers: this.ice.forUser(user.id).iceServers,
    };
  }

  async leave(socket: AppSocket, roomId: string): Promise<null> {
    const peerId = this.local.get(socket.id, roomId);
    if (peerId) await this.remove(roomId, peerId);
    return null;
  }

  /** A socket dropped: its peers stay for the grace period, so a quick reconnect can take over. */
  disconnect(socket: AppSocket): void {
    const peers = this.local.take(socket.id);
    if (this.closing) return;
    for (const [roomId, peerId] of peers) this.expireLater(roomId, peerId);
  }

  async setMedia(socket: AppSocket, dto: MediaStateDto): Promise<null> {
    await this.mediaLimiter.consume(socket.id);
    const me = await this.self(socket, dto.roomId);
    const media = flags(dto);
    if (!(await this.store.setMedia(dto.roomId, me.peerId, media)))
      throw AppError.forbidden('Join the call first');
    socket
      .to(callChannel(dto.roomId))
      .emit(ServerEvent.MediaState, { roomId: dto.roomId, peerId: me.peerId, ...media });
    return null;
  }

  /** The socket's own peer in the room's call; FORBIDDEN when it has none (or it was replaced). */
  async self(socket: AppSocket, roomId: string): Promise<CallPeerEntry> {
    const peerId = this.local.get(socket.id, roomId);
    const peer = peerId ? await this.store.peer(roomId, peerId) : null;
    if (!peer) throw AppError.forbidden('Join the call first');
    return peer;
  }

  /** Removes a peer if it is still in the call, and tells the room. */
  private async remove(roomId: string, peerId: string): Promise<void> {
    const outcome = await this.store.leave(roomId, peerId);
    if (!outcome) return;
    await this.detach(roomId, outcome.peer, outcome.call, { ended: outcome.ended });
    await this.broadcastParticipants(roomId);
  }

  /** What follows a peer's removal from the store: history, callPeerLeft, Socket.IO rooms. */
  private async detach(
    roomId: string,
    peer: CallPeerEntry,
    call: CallInfo,
    options: { ended: boolean; exceptSocket?: string },
  ): Promise<void> {
    this.cancelExpiry(peer.peerId);
    this.local.delete(peer.socketId, roomId, peer.peerId);
    const at = new Date();
    await this.history.peerLeft(peer.peerId, at);
    if (options.ended) await this.history.callEnded(call.callId, at);
    // The removed peer's socket hears it too (that is how a replaced tab learns it is out),
    // unless that socket is the one joining again.
    const io = this.realtime.io;
    const everyone = io.to(callChannel(roomId));
    const audience = options.exceptSocket ? everyone.except(options.exceptSocket) : everyone;
    audience.emit(ServerEvent.CallPeerLeft, { roomId, peerId: peer.peerId });
    const channels = [callChannel(roomId), peerChannel(peer.peerId)];
    // A socket of this process leaves at once: through the Redis adapter a leave is applied only
    // when it comes back from Redis, after this socket may already have joined the call again.
    const socket = io.sockets.sockets.get(peer.socketId);
    if (socket) for (const channel of channels) await socket.leave(channel);
    else io.in(peerChannel(peer.peerId)).socketsLeave(channels);
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
      await this.broadcastParticipants(call.roomId);
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

  private async broadcastParticipants(roomId: string): Promise<void> {
    const participants = await this.presence.participants(roomId);
    this.realtime.io
      .to(roomChannel(roomId))
      .emit(ServerEvent.ParticipantsUpdate, { roomId, participants });
  }
}

const flags = (m: MediaFlags): MediaFlags => ({ audio: m.audio, video: m.video, screen: m.screen });
const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));
