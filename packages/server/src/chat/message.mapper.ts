import type {
  Attachment,
  ChatMessage,
  MessageReaction,
  PublicUser,
  ReplyQuote,
} from '@minimeet/contract';
import { REPLY_EXCERPT_LENGTH } from '@minimeet/contract';
import { isISO8601 } from 'class-validator';
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

/** Where a `changedSince` page starts: after `at`, or after (`at`, `id`) for a following page. */
export interface ChangesPoint {
  at: Date;
  /** Set by a nextCursor: the last message of the previous page, changed at exactly `at`. */
  id: number | null;
}

/** A date-time with a time zone: a bare date or a local time would be read differently per host. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The cursor of the next page of changes: the base64url of the last change's time and message. */
export const encodeChangesCursor = (at: Date, id: number): string =>
  Buffer.from(`c${at.getTime()}.${id}`).toString('base64url');

/** `changedSince` as an ISO 8601 date-time with a zone, or a nextCursor; null when neither. */
export function decodeChangesPoint(value: string): ChangesPoint | null {
  if (ISO_DATE_TIME.test(value)) {
    if (!isISO8601(value, { strict: true, strictSeparator: true })) return null;
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : { at: new Date(at), id: null };
  }
  const match = /^c(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  return match?.[1] && match[2] ? { at: new Date(Number(match[1])), id: Number(match[2]) } : null;
}
