import type { ChatMessage, TypingEvent } from '@minimeet/contract';

/** A new message was stored in a room. */
export interface MessagePosted {
  roomId: string;
  message: ChatMessage;
  /** Every member of the room (for their unread badges, open room or not). */
  memberIds: string[];
  /** The sender's connection: its ack carries the message, so the room's broadcast skips it. */
  connectionId: string;
}
/** A message changed (edit, its author's delete, reactions): its state now. */
export interface MessageUpdated {
  roomId: string;
  message: ChatMessage;
}
/** Someone started or stopped typing, from one connection (which does not hear it back). */
export interface TypingChanged {
  connectionId: string;
  typing: TypingEvent;
}

export const ChatEvent = {
  MessagePosted: 'chat.messagePosted',
  TypingChanged: 'chat.typingChanged',
  MessageUpdated: 'chat.messageUpdated',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'chat.messagePosted': MessagePosted;
    'chat.typingChanged': TypingChanged;
    'chat.messageUpdated': MessageUpdated;
  }
}
