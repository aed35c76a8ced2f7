import type { SfuOfferEvent, SfuRestartEvent, SfuTalkingEvent } from '@minimeet/contract';

/** Each SFU event goes to the one connection whose media it concerns. */
interface ToConnection<T> {
  connectionId: string;
  event: T;
}
export type SfuOfferReady = ToConnection<SfuOfferEvent>;
export type SfuTalkingChanged = ToConnection<SfuTalkingEvent>;
export type SfuRestartNeeded = ToConnection<SfuRestartEvent>;

export const SfuEvent = {
  OfferReady: 'sfu.offerReady',
  TalkingChanged: 'sfu.talkingChanged',
  RestartNeeded: 'sfu.restartNeeded',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'sfu.offerReady': SfuOfferReady;
    'sfu.talkingChanged': SfuTalkingChanged;
    'sfu.restartNeeded': SfuRestartNeeded;
  }
}
