/** Chat over Socket.IO: send, history, typing, new messages; edit, delete, react, reply. */
import type { ChatMessage, MessageReactionEmoji } from '../rest';
import type { AckCallback, CoversExactly, NamesOf } from './common';

export interface SendMessagePayload {
  roomId: string;
  content: string;
  clientMessageId: string;
  /** The id of the message of the same room this one answers. */
  replyToId?: string;
  /** Uploads of the sender in this room (`POST /api/rooms/:roomId/attachments`); `content` may then be empty. */
  attachmentIds?: string[];
}
export interface SendMessageResult {
  message: ChatMessage;
}
export interface LoadHistoryPayload {
  roomId: string;
  before?: string;
  /** The id of the newest message the client has: the page of messages after it (catch-up). */
  after?: string;
  /** The messages changed after this ISO date-time (or nextCursor): see `HistoryQuery`. */
  changedSince?: string;
  limit?: number;
}
export interface LoadHistoryResult {
  messages: ChatMessage[];
  nextCursor: string | null;
}
/** A message of the room, by its id. */
export interface MessageRef {
  roomId: string;
  messageId: string;
}
/** The author replaces the text of their message. */
export interface EditMessagePayload extends MessageRef {
  content: string;
}
/** Adds (`on: true`) or takes back (`on: false`) the caller's reaction; repeating it changes nothing. */
export interface ReactPayload extends MessageRef {
  emoji: MessageReactionEmoji;
  on: boolean;
}
/** The message as it is now, after an edit, a deletion or a reaction. */
export interface MessageResult {
  message: ChatMessage;
}
export interface CatchUpEvent {
  /**
   * Why: delivery between processes was interrupted (Redis), or a server process of the room's
   * people was lost (killed or hung) and may have stored messages it never delivered.
   */
  reason: 'delivery-interrupted' | 'process-lost';
  /**
   * When (server time, ISO 8601): messages created, and changes made, from then on may have been
   * missed (`loadMessageHistory` with `after`, and with `changedSince: since`).
   */
  since: string;
}
export interface TypingPayload {
  roomId: string;
  isTyping: boolean;
}
export interface TypingEvent extends TypingPayload {
  userId: string;
  username: string;
}

export interface ChatClientEvents {
  sendMessage: (payload: SendMessagePayload, ack: AckCallback<SendMessageResult>) => void;
  loadMessageHistory: (payload: LoadHistoryPayload, ack: AckCallback<LoadHistoryResult>) => void;
  typing: (payload: TypingPayload, ack: AckCallback<null>) => void;
  /** Your own message only (30 edits a minute); a deleted message cannot be edited. */
  editMessage: (payload: EditMessagePayload, ack: AckCallback<MessageResult>) => void;
  /** Your own message only; moderators delete others' with `deleteMessage`. */
  deleteOwnMessage: (payload: MessageRef, ack: AckCallback<MessageResult>) => void;
  reactToMessage: (payload: ReactPayload, ack: AckCallback<MessageResult>) => void;
}
export interface ChatServerEvents {
  /** A message stored in a joined room; the sending connection has it in its ack instead. */
  newMessage: (message: ChatMessage) => void;
  typing: (event: TypingEvent) => void;
  /** A message changed (edited, deleted by its author, reactions): its current state. */
  messageUpdated: (message: ChatMessage) => void;
  /**
   * Live delivery between server processes was interrupted (Redis outage) and is back: messages
   * may have been missed, so catch up on open rooms (`loadMessageHistory` with `after` for new
   * messages, with `changedSince` for edits, deletes and reactions).
   */
  catchUp: (event: CatchUpEvent) => void;
}

export const ChatClientEvent = {
  SendMessage: 'sendMessage',
  LoadMessageHistory: 'loadMessageHistory',
  Typing: 'typing',
  EditMessage: 'editMessage',
  DeleteOwnMessage: 'deleteOwnMessage',
  ReactToMessage: 'reactToMessage',
} as const satisfies NamesOf<ChatClientEvents>;
export const ChatServerEvent = {
  NewMessage: 'newMessage',
  Typing: 'typing',
  MessageUpdated: 'messageUpdated',
  CatchUp: 'catchUp',
} as const satisfies NamesOf<ChatServerEvents>;

true satisfies CoversExactly<
  (typeof ChatClientEvent)[keyof typeof ChatClientEvent],
  ChatClientEvents
>;
true satisfies CoversExactly<
  (typeof ChatServerEvent)[keyof typeof ChatServerEvent],
  ChatServerEvents
>;
