import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import {
  CallEvent,
  type CallMediaChanged,
  type PeerAttached,
  type PeerDetached,
  type PeerJoined,
  type PeerMediaChanged,
  type SignalRelayed,
} from '../calls/calls.events';
import { OnDomainEvent } from '../common/domain-events';
import { callChannel, peerChannel } from './channels';
import { RealtimeService } from './realtime.service';

/**
 * Calls on the wire: a peer's connection is in the call's channel and in a channel of its own,
 * where signalling addressed to that peer goes.
 */
@Injectable()
export class CallsDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(CallEvent.PeerAttached)
  attached(e: PeerAttached): void {
    this.realtime.join(e.connectionId, [callChannel(e.roomId), peerChannel(e.peerId)]);
  }

  @OnDomainEvent(CallEvent.PeerJoined)
  joined(e: PeerJoined): void {
    const audience = { channel: callChannel(e.roomId), except: e.connectionId };
    this.realtime.send(audience, ServerEvent.CallPeerJoined, { roomId: e.roomId, peer: e.peer });
  }

  @OnDomainEvent(CallEvent.PeerDetached)
  detached(e: PeerDetached): void {
    const call = callChannel(e.roomId);
    const audience = e.exceptConnection
      ? { channel: call, except: e.exceptConnection }
      : { channel: call };
    this.realtime.send(audience, ServerEvent.CallPeerLeft, { roomId: e.roomId, peerId: e.peerId });
    const own = peerChannel(e.peerId);
    this.realtime.leave(e.connectionId, [call, own], own);
  }

  @OnDomainEvent(CallEvent.PeerMediaChanged)
  media(e: PeerMediaChanged): void {
    const audience = { channel: callChannel(e.roomId), except: e.connectionId };
    this.realtime.send(audience, ServerEvent.MediaState, {
      roomId: e.roomId,
      peerId: e.peerId,
      ...e.media,
    });
  }

  @OnDomainEvent(CallEvent.MediaChanged)
  mediaChanged(e: CallMediaChanged): void {
    this.realtime.send({ channel: callChannel(e.roomId) }, ServerEvent.CallMediaChanged, e);
  }

  @OnDomainEvent(CallEvent.SignalRelayed)
  signal(e: SignalRelayed): void {
    const audience = { channel: peerChannel(e.payload.to) };
    if (e.kind === 'candidate') this.realtime.send(audience, ServerEvent.IceCandidate, e.payload);
    else
      this.realtime.send(
        audience,
        e.kind === 'offer' ? ServerEvent.WebrtcOffer : ServerEvent.WebrtcAnswer,
        e.payload,
      );
  }
}
