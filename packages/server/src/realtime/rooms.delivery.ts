import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import {
  PresenceEvent,
  type ConnectionEntered,
  type ConnectionLeft,
  type ParticipantsChanged,
  type ProcessLost,
} from '../presence/presence.events';
import { roomChannel } from './channels';
import { RealtimeService } from './realtime.service';

/** Rooms and presence on the wire: a connection in a room hears the room; everyone hears who is here. */
@Injectable()
export class RoomsDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(PresenceEvent.ConnectionEntered)
  entered(e: ConnectionEntered): void {
    this.realtime.join(e.connectionId, [roomChannel(e.roomId)]);
  }

  @OnDomainEvent(PresenceEvent.ConnectionLeft)
  left(e: ConnectionLeft): void {
    this.realtime.leave(e.connectionId, [roomChannel(e.roomId)]);
  }

  @OnDomainEvent(PresenceEvent.ParticipantsChanged)
  participants(e: ParticipantsChanged): void {
    this.realtime.send({ channel: roomChannel(e.roomId) }, ServerEvent.ParticipantsUpdate, e);
  }

  /** The room's connections fetch what a lost process may have stored without delivering it. */
  @OnDomainEvent(PresenceEvent.ProcessLost)
  processLost(e: ProcessLost): void {
    this.realtime.send({ channel: roomChannel(e.roomId) }, ServerEvent.CatchUp, {
      reason: 'process-lost',
      since: e.since.toISOString(),
    });
  }
}
