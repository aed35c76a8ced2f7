import { MESSAGE_REACTION_EMOJI, type MessageReactionEmoji } from '@minimeet/contract';

/** An emoji as stored: its code points in hex joined by "-" ("2764-fe0f" for ❤️). */
export const emojiCode = (emoji: string): string =>
  [...emoji].map((c) => (c.codePointAt(0) ?? 0).toString(16)).join('-');

const BY_CODE = new Map<string, MessageReactionEmoji>(
  MESSAGE_REACTION_EMOJI.map((e) => [emojiCode(e), e]),
);

/** The emoji of a stored code; undefined for a code no longer in the set. */
export const emojiOfCode = (code: string): MessageReactionEmoji | undefined => BY_CODE.get(code);
