import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import { ChatEvent, type MessagePosted } from '../chat/chat.events';
import { ReadEvent, type MarkerMoved } from '../reads/reads.events';
import { userChannel } from './channels';
import { RealtimeService } from './realtime.service';

/** Read markers to the reader's own connections; room activity to every member's, in one emit. */
@Injectable()
export class ReadsDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(ReadEvent.MarkerMoved)
  moved(e: MarkerMoved): void {
    this.realtime.send({ channel: userChannel(e.userId) }, ServerEvent.ReadMarker, e.marker);
  }

  /** Every member hears of a new message, whether or not they have the room open. */
  @OnDomainEvent(ChatEvent.MessagePosted)
  activity({ roomId, message, memberIds }: MessagePosted): void {
    if (memberIds.length === 0) return;
    this.realtime.send({ channels: memberIds.map(userChannel) }, ServerEvent.RoomActivity, {
      roomId,
      messageId: message.id,
      senderId: message.sender.id,
      mentions: message.mentions,
    });
  }
}
