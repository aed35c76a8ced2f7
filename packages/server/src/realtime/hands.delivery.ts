import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import { HandsEvent, type HandQueueChanged, type ReactionSent } from '../hands/hands.events';
import { callChannel } from './channels';
import { RealtimeService } from './realtime.service';

/** Raised hands and reactions go to everyone in the call. */
@Injectable()
export class HandsDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(HandsEvent.QueueChanged)
  queue(e: HandQueueChanged): void {
    this.realtime.send({ channel: callChannel(e.roomId) }, ServerEvent.HandQueue, e);
  }

  @OnDomainEvent(HandsEvent.ReactionSent)
  reaction(e: ReactionSent): void {
    this.realtime.send({ channel: callChannel(e.roomId) }, ServerEvent.Reaction, e);
  }
}
