/** Chat over Socket.IO: send, history, typing, and new messages. */
import type { ChatMessage } from '../rest';
import type { AckCallback, CoversExactly, NamesOf } from './common';

export interface SendMessagePayload {
  roomId: string;
  content: string;
  clientMessageId: string;
}
export interface SendMessageResult {
  message: ChatMessage;
}
export interface LoadHistoryPayload {
  roomId: string;
  before?: string;
  limit?: number;
}
export interface LoadHistoryResult {
  messages: ChatMessage[];
  nextCursor: string | null;
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
}
export interface ChatServerEvents {
  newMessage: (message: ChatMessage) => void;
  typing: (event: TypingEvent) => void;
}

export const ChatClientEvent = {
  SendMessage: 'sendMessage',
  LoadMessageHistory: 'loadMessageHistory',
  Typing: 'typing',
} as const satisfies NamesOf<ChatClientEvents>;
export const ChatServerEvent = {
  NewMessage: 'newMessage',
  Typing: 'typing',
} as const satisfies NamesOf<ChatServerEvents>;

true satisfies CoversExactly<
  (typeof ChatClientEvent)[keyof typeof ChatClientEvent],
  ChatClientEvents
>;
true satisfies CoversExactly<
  (typeof ChatServerEvent)[keyof typeof ChatServerEvent],
  ChatServerEvents
>;
