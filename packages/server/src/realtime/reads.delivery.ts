import { ServerEvent } from '@minimeet/contract';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import { ChatEvent, type MessagePosted } from '../chat/chat.events';
import { ReadEvent, type MarkerMoved } from '../reads/reads.events';
import { ActivityBatches } from './activity-batches';
import { userChannel } from './channels';
import { RealtimeService } from './realtime.service';
import type { RelayedActivity } from './socket.types';

/**
 * How long activity for the other processes is gathered before it goes to them in one message
 * (one Redis publish, and one to decode in each of them, instead of one per chat message).
 */
export const ACTIVITY_RELAY_MS = 100;

/**
 * Read markers to the reader's own connections; room activity, batched, to every member's
 * connections that do not have the room joined (those hear the message itself, `newMessage`).
 */
@Injectable()
export class ReadsDelivery implements OnModuleDestroy {
  /** Activity for the other processes, gathered for ACTIVITY_RELAY_MS. */
  private relay: RelayedActivity[] = [];
  private relayTimer: ReturnType<typeof setTimeout> | null = null;

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
    if (!this.realtime.clustered) return;
    this.relay.push({ memberIds, event });
    this.relayTimer ??= setTimeout(() => this.sendRelay(), ACTIVITY_RELAY_MS);
  }

  onModuleDestroy(): void {
    if (this.relayTimer !== null) clearTimeout(this.relayTimer);
  }

  private sendRelay(): void {
    this.relayTimer = null;
    const relay = this.relay;
    this.relay = [];
    this.realtime.toOtherProcesses('roomActivity', relay);
  }
}
