import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import {
  RoomEvent,
  type KnockAnswered,
  type LobbyChanged,
  type MemberRoleChanged,
  type RoomDeleted,
  type RoomUpdated,
} from '../rooms/rooms.events';
import { roomChannel, userChannel } from './channels';
import { RealtimeService } from './realtime.service';

/**
 * Room settings and the lobby on the wire: the room hears its new settings, roles and its
 * deletion; the owner and moderators hear the waiting list on every connection they have; the
 * person who knocked hears the answer on every connection they have (in every process).
 */
@Injectable()
export class RoomSettingsDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(RoomEvent.Updated)
  updated(e: RoomUpdated): void {
    this.realtime.send({ channel: roomChannel(e.room.id) }, ServerEvent.RoomUpdated, e.room);
  }

  @OnDomainEvent(RoomEvent.Deleted)
  deleted(e: RoomDeleted): void {
    this.realtime.send({ channel: roomChannel(e.roomId) }, ServerEvent.RoomDeleted, e);
  }

  @OnDomainEvent(RoomEvent.RoleChanged)
  role(e: MemberRoleChanged): void {
    this.realtime.send({ channel: roomChannel(e.roomId) }, ServerEvent.MemberRoleChanged, e);
  }

  @OnDomainEvent(RoomEvent.LobbyChanged)
  lobby(e: LobbyChanged): void {
    const event = { roomId: e.roomId, waiting: e.waiting };
    for (const id of e.moderatorIds)
      this.realtime.send({ channel: userChannel(id) }, ServerEvent.LobbyUpdate, event);
  }

  @OnDomainEvent(RoomEvent.KnockAnswered)
  answered(e: KnockAnswered): void {
    const audience = { channel: userChannel(e.userId) };
    this.realtime.send(audience, e.admitted ? ServerEvent.LobbyAdmitted : ServerEvent.LobbyDenied, {
      roomId: e.roomId,
    });
  }
}
