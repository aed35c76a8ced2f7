import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import {
  ModerationEvent,
  type CallEndedByModerator,
  type MediaModerated,
  type MediaUnblocked,
  type MemberRemoved,
  type MessageDeleted,
} from '../moderation/moderation.events';
import { callChannel, roomChannel, userChannel } from './channels';
import { RealtimeService } from './realtime.service';

/**
 * Moderation on the wire: the person acted on hears it on every connection they have (in every
 * process); a removed member's connections leave the room's and call's channels everywhere, and
 * the other processes are told to take them out of the room; the call hears it ended; the room
 * hears a message was deleted.
 */
@Injectable()
export class ModerationDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(ModerationEvent.MediaModerated)
  media(e: MediaModerated): void {
    this.realtime.send({ channel: userChannel(e.userId) }, ServerEvent.MediaModerated, {
      roomId: e.roomId,
      kind: e.kind,
      blocked: e.blocked,
    });
  }

  @OnDomainEvent(ModerationEvent.MediaUnblocked)
  unblocked(e: MediaUnblocked): void {
    this.realtime.send({ channel: userChannel(e.userId) }, ServerEvent.MediaUnblocked, {
      roomId: e.roomId,
      kind: e.kind,
    });
  }

  @OnDomainEvent(ModerationEvent.MemberRemoved)
  removed(e: MemberRemoved): void {
    const own = userChannel(e.userId);
    this.realtime.send({ channel: own }, ServerEvent.RemovedFromRoom, {
      roomId: e.roomId,
      banned: e.banned,
    });
    this.realtime.leaveAll(own, [roomChannel(e.roomId), callChannel(e.roomId)]);
    this.realtime.toOtherProcesses('memberRemoved', e);
  }

  @OnDomainEvent(ModerationEvent.CallEnded)
  callEnded(e: CallEndedByModerator): void {
    this.realtime.send({ channel: callChannel(e.roomId) }, ServerEvent.CallEndedByModerator, e);
  }

  @OnDomainEvent(ModerationEvent.MessageDeleted)
  deleted(e: MessageDeleted): void {
    this.realtime.send({ channel: roomChannel(e.roomId) }, ServerEvent.MessageDeleted, e);
  }
}
