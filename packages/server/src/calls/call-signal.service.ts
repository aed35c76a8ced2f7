import type { IceCandidateInit, SessionDescription } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import type { IceCandidateDto } from '../common/webrtc.dto';
import { DomainEvents } from '../common/domain-events';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import { CallHistoryService } from './call-history.service';
import { aggregate } from './call-quality';
import { CALL_STORE, type CallPeerEntry, type CallStore } from './call.store';
import { CallEvent } from './calls.events';
import { CallsService } from './calls.service';
import type { CallStatsDto, SignalCandidateDto, SignalDescriptionDto } from './dto/call.dto';

/**
 * WebRTC signalling between peers of one call, and the quality samples they report. The sender is
 * always the connection's own peer: `from` and `fromUserId` are set here, never taken from the payload.
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
    private readonly events: DomainEvents,
    private readonly history: CallHistoryService,
    limits: RateLimitService,
  ) {
    this.signalLimiter = limits.create({
      name: 'call-signal',
      points: 300,
      durationSeconds: 10,
    });
    this.statsLimiter = limits.create({
      name: 'call-stats',
      points: 10,
      durationSeconds: 10,
    });
  }

  offer(actor: Actor, dto: SignalDescriptionDto): Promise<null> {
    return this.relayDescription(actor, 'offer', dto);
  }

  answer(actor: Actor, dto: SignalDescriptionDto): Promise<null> {
    return this.relayDescription(actor, 'answer', dto);
  }

  async candidate(actor: Actor, dto: SignalCandidateDto): Promise<null> {
    const me = await this.route(actor, dto.roomId, dto.to);
    this.events.emit(CallEvent.SignalRelayed, {
      kind: 'candidate',
      payload: {
        roomId: dto.roomId,
        to: dto.to,
        candidate: toCandidate(dto.candidate),
        from: me.peerId,
        fromUserId: me.userId,
      },
    });
    return null;
  }

  async stats(actor: Actor, dto: CallStatsDto): Promise<null> {
    await this.statsLimiter.consume(actor.user.id);
    const me = await this.calls.self(actor, dto.roomId);
    await this.history.addStats(me.peerId, aggregate(dto.samples));
    if (dto.samples.length > 0) {
      this.events.emit(CallEvent.StatsReported, {
        roomId: dto.roomId,
        peerId: me.peerId,
        userId: me.userId,
        at: new Date(),
        samples: dto.samples,
      });
    }
    return null;
  }

  private async relayDescription(
    actor: Actor,
    kind: 'offer' | 'answer',
    dto: SignalDescriptionDto,
  ): Promise<null> {
    const me = await this.route(actor, dto.roomId, dto.to);
    const sdp: SessionDescription = { type: dto.sdp.type, sdp: dto.sdp.sdp };
    this.events.emit(CallEvent.SignalRelayed, {
      kind,
      payload: { roomId: dto.roomId, to: dto.to, sdp, from: me.peerId, fromUserId: me.userId },
    });
    return null;
  }

  /** The sender's peer, once the target is checked to be another peer of the same call. */
  private async route(actor: Actor, roomId: string, to: string): Promise<CallPeerEntry> {
    await this.signalLimiter.consume(actor.user.id);
    const me = await this.calls.self(actor, roomId);
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
