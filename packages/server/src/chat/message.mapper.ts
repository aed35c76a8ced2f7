import type {
  Attachment,
  ChatMessage,
  MessageReaction,
  PublicUser,
  ReplyQuote,
} from '@minimeet/contract';
import { REPLY_EXCERPT_LENGTH } from '@minimeet/contract';
import type { MessageEntity } from '../database/entities/message.entity';

/** What a message shows besides its own row: reactions, the quote it answers, its files. */
export interface MessageExtras {
  reactions: MessageReaction[];
  replyTo: ReplyQuote | null;
  /** The ids of the members it @mentions. */
  mentions: string[];
  attachments: Attachment[];
}

const NO_EXTRAS: MessageExtras = { reactions: [], replyTo: null, mentions: [], attachments: [] };

export const toChatMessage = (
  m: MessageEntity,
  sender: PublicUser,
  extras: MessageExtras = NO_EXTRAS,
): ChatMessage => ({
  id: String(m.id),
  roomId: m.roomId,
  content: m.deletedAt ? '' : m.content,
  createdAt: m.createdAt.toISOString(),
  sender,
  clientMessageId: m.clientMessageId,
  ...(m.deletedAt
    ? {
        deleted: true as const,
        deletedBy: m.deletedBy === m.senderId ? ('author' as const) : ('moderator' as const),
      }
    : {}),
  editedAt: m.editedAt ? m.editedAt.toISOString() : null,
  reactions: m.deletedAt ? [] : extras.reactions,
  replyTo: extras.replyTo,
  mentions: m.deletedAt ? [] : extras.mentions,
  attachments: m.deletedAt ? [] : extras.attachments,
});

/** The quote of a message a reply answers: its first line, shortened; nothing once deleted. */
export function toReplyQuote(m: MessageEntity, sender: PublicUser): ReplyQuote {
  if (m.deletedAt) return { id: String(m.id), sender, excerpt: '', deleted: true };
  const firstLine = m.content.split('\n', 1)[0] ?? '';
  const chars = [...firstLine];
  const excerpt =
    chars.length > REPLY_EXCERPT_LENGTH
      ? `${chars.slice(0, REPLY_EXCERPT_LENGTH - 1).join('')}…`
      : firstLine;
  return { id: String(m.id), sender, excerpt };
}

/** History cursors are opaque to clients: the base64url of the oldest message id of a page. */
export const encodeCursor = (id: number): string => Buffer.from(`m${id}`).toString('base64url');

export function decodeCursor(cursor: string): number | null {
  const match = /^m(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] ? Number(match[1]) : null;
}
