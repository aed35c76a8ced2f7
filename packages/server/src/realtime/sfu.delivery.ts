import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/domain-events';
import {
  SfuEvent,
  type SfuOfferReady,
  type SfuRestartNeeded,
  type SfuTalkingChanged,
} from '../sfu/sfu.events';
import { RealtimeService } from './realtime.service';

/** SFU signalling on the wire: each event goes to the one connection whose media it concerns. */
@Injectable()
export class SfuDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(SfuEvent.OfferReady)
  offer(e: SfuOfferReady): void {
    this.realtime.send({ connection: e.connectionId }, ServerEvent.SfuOffer, e.event);
  }

  @OnDomainEvent(SfuEvent.TalkingChanged)
  talking(e: SfuTalkingChanged): void {
    this.realtime.send({ connection: e.connectionId }, ServerEvent.SfuTalking, e.event);
  }

  @OnDomainEvent(SfuEvent.RestartNeeded)
  restart(e: SfuRestartNeeded): void {
    this.realtime.send({ connection: e.connectionId }, ServerEvent.SfuRestart, e.event);
  }
}
