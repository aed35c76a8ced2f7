import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import { ChatEvent, type MessagePosted } from '../chat/chat.events';
import { ReadEvent, type MarkerMoved } from '../reads/reads.events';
import { ActivityBatches } from './activity-batches';
import { userChannel } from './channels';
import { RealtimeService } from './realtime.service';

/**
 * Read markers to the reader's own connections; room activity, batched, to every member's
 * connections that do not have the room joined (those hear the message itself, `newMessage`).
 */
@Injectable()
export class ReadsDelivery {
  constructor(
    private readonly realtime: RealtimeService,
    private readonly batches: ActivityBatches,
  ) {}

  @OnDomainEvent(ReadEvent.MarkerMoved)
  moved(e: MarkerMoved): void {
    this.realtime.send({ channel: userChannel(e.userId) }, ServerEvent.ReadMarker, e.marker);
  }

  /**
   * Every member hears of a new message: as `newMessage` in the room, else in a `roomActivity`
   * batch (this process's connections here, the others' through them).
   */
  @OnDomainEvent(ChatEvent.MessagePosted)
  activity({ roomId, message, memberIds }: MessagePosted): void {
    if (memberIds.length === 0) return;
    const event = {
      roomId,
      messageId: message.id,
      senderId: message.sender.id,
      mentions: message.mentions,
    };
    this.batches.post(memberIds, event);
    this.realtime.toOtherProcesses('roomActivity', { memberIds, event });
  }
}
