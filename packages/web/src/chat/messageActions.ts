import type { ChatMessage, MessageReactionEmoji } from '@minimeet/contract';
import type { Connection } from '../lib/socket';

/** What a person can do to a message already sent (each rejects with an AppError). */
export interface MessageActions {
  /** Your own message only. */
  edit: (messageId: string, content: string) => Promise<void>;
  /** Your own message only. */
  remove: (messageId: string) => Promise<void>;
  react: (messageId: string, emoji: MessageReactionEmoji, on: boolean) => Promise<void>;
}

/**
 * Message actions of one room. The acked state is applied at once, so the actor does not wait
 * for the room's broadcast (which brings the same state to everyone else).
 */
export function createMessageActions(
  roomId: string,
  deps: {
    request: Connection['request'];
    apply: (message: ChatMessage) => void;
  },
): MessageActions {
  const done = ({ message }: { message: ChatMessage }) => deps.apply(message);
  return {
    edit: (messageId, content) =>
      deps.request('editMessage', { roomId, messageId, content }).then(done),
    remove: (messageId) => deps.request('deleteOwnMessage', { roomId, messageId }).then(done),
    react: (messageId, emoji, on) =>
      deps.request('reactToMessage', { roomId, messageId, emoji, on }).then(done),
  };
}
