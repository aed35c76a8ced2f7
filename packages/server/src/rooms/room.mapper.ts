import type { Room } from '@minimeet/contract';
import { randomBytes } from 'node:crypto';
import type { RoomEntity } from '../database/entities/room.entity';

export const toRoom = (room: RoomEntity): Room => ({
  id: room.id,
  name: room.name,
  description: room.description,
  ownerId: room.ownerId,
  maxParticipants: room.maxParticipants,
  accessMode: room.accessMode,
  inviteToken: room.inviteToken,
  allowGuests: room.allowGuests,
  createdAt: room.createdAt.toISOString(),
});

/** A new invite token: 144 random bits, URL-safe. */
export const newInviteToken = (): string => randomBytes(18).toString('base64url');

/** The room list's keyset: (last activity, id), newest first. */
export interface RoomListCursor {
  at: Date;
  id: string;
}

export const encodeRoomCursor = (c: RoomListCursor): string =>
  Buffer.from(`${c.at.getTime()}.${c.id}`).toString('base64url');

export function decodeRoomCursor(cursor: string): RoomListCursor | null {
  const match = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1] || !match[2]) return null;
  return { at: new Date(Number(match[1])), id: match[2] };
}
