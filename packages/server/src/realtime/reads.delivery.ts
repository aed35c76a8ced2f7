import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import { ChatEvent, type MessagePosted } from '../chat/chat.events';
import { ReadEvent, type MarkerMoved } from '../reads/reads.events';
import { roomChannel, userChannel } from './channels';
import { RealtimeService } from './realtime.service';

/**
 * Read markers to the reader's own connections; room activity, in one emit, to every member's
 * connections that do not have the room joined (those hear the message itself, `newMessage`).
 */
@Injectable()
export class ReadsDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(ReadEvent.MarkerMoved)
  moved(e: MarkerMoved): void {
    this.realtime.send({ channel: userChannel(e.userId) }, ServerEvent.ReadMarker, e.marker);
  }

  /** Every member hears of a new message: as `newMessage` in the room, else as `roomActivity`. */
  @OnDomainEvent(ChatEvent.MessagePosted)
  activity({ roomId, message, memberIds }: MessagePosted): void {
    if (memberIds.length === 0) return;
    const audience = { channels: memberIds.map(userChannel), except: roomChannel(roomId) };
    this.realtime.send(audience, ServerEvent.RoomActivity, {
      roomId,
      messageId: message.id,
      senderId: message.sender.id,
      mentions: message.mentions,
    });
  }
}
