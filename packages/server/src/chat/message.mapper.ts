import type { ChatMessage, PublicUser } from '@minimeet/contract';
import type { MessageEntity } from '../database/entities/message.entity';

export const toChatMessage = (m: MessageEntity, sender: PublicUser): ChatMessage => ({
  id: String(m.id),
  roomId: m.roomId,
  content: m.deletedAt ? '' : m.content,
  createdAt: m.createdAt.toISOString(),
  sender,
  clientMessageId: m.clientMessageId,
  ...(m.deletedAt ? { deleted: true as const } : {}),
});

/** History cursors are opaque to clients: the base64url of the oldest message id of a page. */
export const encodeCursor = (id: number): string => Buffer.from(`m${id}`).toString('base64url');

export function decodeCursor(cursor: string): number | null {
  const match = /^m(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] ? Number(match[1]) : null;
}
