import type { RaisedHand, ReactionEvent } from '@minimeet/contract';

/** The call's queue of raised hands changed. */
export interface HandQueueChanged {
  roomId: string;
  hands: RaisedHand[];
}
/** Someone in the call sent a reaction. */
export type ReactionSent = ReactionEvent;

export const HandsEvent = {
  QueueChanged: 'hands.queueChanged',
  ReactionSent: 'hands.reactionSent',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'hands.queueChanged': HandQueueChanged;
    'hands.reactionSent': ReactionSent;
  }
}
