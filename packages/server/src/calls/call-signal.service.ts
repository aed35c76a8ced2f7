import type { IceCandidateInit, SessionDescription } from '@minimeet/contract';
import { ServerEvent } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import { RealtimeService } from '../realtime/realtime.service';
import type { AppSocket } from '../realtime/socket.types';
import { peerChannel } from './call-channels';
import { CallHistoryService } from './call-history.service';
import { aggregate } from './call-quality';
import { CALL_STORE, type CallPeerEntry, type CallStore } from './call.store';
import { CallsService } from './calls.service';
import type {
  CallStatsDto,
  IceCandidateDto,
  SignalCandidateDto,
  SignalDescriptionDto,
} from './dto/call.dto';

type DescriptionEvent = typeof ServerEvent.WebrtcOffer | typeof ServerEvent.WebrtcAnswer;

/**
 * WebRTC signalling between peers of one call, and the quality samples they report. The sender is
 * always the socket's own peer: `from` and `fromUserId` are set here, never taken from the payload.
 */
@Injectable()
export class CallSignalService {
  /** A negotiation sends tens of candidates; this only stops floods. */
  private readonly signalLimiter: Limiter;
  /** Clients report every few seconds. */
  private readonly statsLimiter: Limiter;

  constructor(
    private readonly calls: CallsService,
    @Inject(CALL_STORE) private readonly store: CallStore,
    private readonly realtime: RealtimeService,
    private readonly history: CallHistoryService,
    limits: RateLimitService,
  ) {
    this.signalLimiter = limits.create({
      name: 'call-signal',
      points: 300,
      durationSeconds: 10,
      local: true,
    });
    this.statsLimiter = limits.create({
      name: 'call-stats',
      points: 10,
      durationSeconds: 10,
      local: true,
    });
  }

  offer(socket: AppSocket, dto: SignalDescriptionDto): Promise<null> {
    return this.relayDescription(socket, ServerEvent.WebrtcOffer, dto);
  }

  answer(socket: AppSocket, dto: SignalDescriptionDto): Promise<null> {
    return this.relayDescription(socket, ServerEvent.WebrtcAnswer, dto);
  }

  async candidate(socket: AppSocket, dto: SignalCandidateDto): Promise<null> {
    const me = await this.route(socket, dto.roomId, dto.to);
    this.realtime.io.to(peerChannel(dto.to)).emit(ServerEvent.IceCandidate, {
      roomId: dto.roomId,
      to: dto.to,
      candidate: toCandidate(dto.candidate),
      from: me.peerId,
      fromUserId: me.userId,
    });
    return null;
  }

  async stats(socket: AppSocket, dto: CallStatsDto): Promise<null> {
    await this.statsLimiter.consume(socket.id);
    const me = await this.calls.self(socket, dto.roomId);
    await this.history.addStats(me.peerId, aggregate(dto.samples));
    return null;
  }

  private async relayDescription(
    socket: AppSocket,
    event: DescriptionEvent,
    dto: SignalDescriptionDto,
  ): Promise<null> {
    const me = await this.route(socket, dto.roomId, dto.to);
    const sdp: SessionDescription = { type: dto.sdp.type, sdp: dto.sdp.sdp };
    this.realtime.io
      .to(peerChannel(dto.to))
      .emit(event, { roomId: dto.roomId, to: dto.to, sdp, from: me.peerId, fromUserId: me.userId });
    return null;
  }

  /** The sender's peer, once the target is checked to be another peer of the same call. */
  private async route(socket: AppSocket, roomId: string, to: string): Promise<CallPeerEntry> {
    await this.signalLimiter.consume(socket.id);
    const me = await this.calls.self(socket, roomId);
    if (to === me.peerId || !(await this.store.peer(roomId, to)))
      throw AppError.forbidden('That peer is not in this call');
    return me;
  }
}

/** Copies only the fields the client set (RTCIceCandidateInit treats missing and null alike). */
function toCandidate(c: IceCandidateDto): IceCandidateInit {
  const out: IceCandidateInit = { candidate: c.candidate };
  if (c.sdpMid !== undefined) out.sdpMid = c.sdpMid;
  if (c.sdpMLineIndex !== undefined) out.sdpMLineIndex = c.sdpMLineIndex;
  if (c.usernameFragment !== undefined) out.usernameFragment = c.usernameFragment;
  return out;
}
