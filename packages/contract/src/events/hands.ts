/** In a call: raised hands (a queue everyone sees, in order) and emoji reactions on a tile. */
import type { AckCallback, CoversExactly, NamesOf, RoomRef } from './common';

/** The reactions a person can send; anything else is refused. */
export const REACTION_EMOJI = ['👍', '👏', '😂', '❤️', '🎉', '😮'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJI)[number];

export interface RaisedHand {
  userId: string;
  username: string;
  /** ISO time the hand went up: the queue is ordered by it. */
  raisedAt: string;
}
/** The call's raised hands, first raised first. */
export interface HandQueueEvent {
  roomId: string;
  hands: RaisedHand[];
}
export interface LowerHandPayload {
  roomId: string;
  /** Someone else's hand (moderators only); absent: your own. */
  userId?: string;
}
export interface ReactionPayload {
  roomId: string;
  emoji: ReactionEmoji;
}
export interface ReactionEvent {
  roomId: string;
  peerId: string;
  userId: string;
  username: string;
  emoji: ReactionEmoji;
}

export interface HandClientEvents {
  raiseHand: (payload: RoomRef, ack: AckCallback<HandQueueEvent>) => void;
  lowerHand: (payload: LowerHandPayload, ack: AckCallback<HandQueueEvent>) => void;
  /** The queue now (a client asks after joining the call). */
  getHands: (payload: RoomRef, ack: AckCallback<HandQueueEvent>) => void;
  sendReaction: (payload: ReactionPayload, ack: AckCallback<null>) => void;
}
export interface HandServerEvents {
  handQueue: (event: HandQueueEvent) => void;
  reaction: (event: ReactionEvent) => void;
}

export const HandClientEvent = {
  RaiseHand: 'raiseHand',
  LowerHand: 'lowerHand',
  GetHands: 'getHands',
  SendReaction: 'sendReaction',
} as const satisfies NamesOf<HandClientEvents>;
export const HandServerEvent = {
  HandQueue: 'handQueue',
  Reaction: 'reaction',
} as const satisfies NamesOf<HandServerEvents>;

true satisfies CoversExactly<
  (typeof HandClientEvent)[keyof typeof HandClientEvent],
  HandClientEvents
>;
true satisfies CoversExactly<
  (typeof HandServerEvent)[keyof typeof HandServerEvent],
  HandServerEvents
>;
