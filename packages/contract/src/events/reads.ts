/** Read markers, unread counts and mentions over Socket.IO (issue 10). */
import type { AckCallback, CoversExactly, NamesOf, RoomRef } from './common';

/** Unread and mention counts stop here: the room list shows "99+" from this value on. */
export const UNREAD_COUNT_CAP = 100;

/** How far one user has read one room: the newest message they saw (null: nothing yet). */
export interface ReadMarker {
  roomId: string;
  /** The id of the last message read; null when the user has read nothing in the room. */
  messageId: string | null;
}
/** The caller has seen the room up to this message. Markers only move forward. */
export interface MarkReadPayload {
  roomId: string;
  messageId: string;
}
/**
 * A message arrived in a room the user is a member of, told to each of the member's connections
 * that does not have the room joined (those get `newMessage`, which carries the same fields):
 * enough for the room list to update its badges. Sent in batches (`roomActivity`).
 */
export interface RoomActivityEvent {
  roomId: string;
  messageId: string;
  senderId: string;
  /** The ids of the members the message mentions. */
  mentions: string[];
}

export interface ReadClientEvents {
  /** Moves the caller's marker of the room forward; answers the marker as it is now. */
  markRead: (payload: MarkReadPayload, ack: AckCallback<ReadMarker>) => void;
  /** The caller's marker of the room (for the "New messages" divider when opening it). */
  getReadMarker: (payload: RoomRef, ack: AckCallback<ReadMarker>) => void;
}
export interface ReadServerEvents {
  /** The caller's marker moved (from this or another of their connections). */
  readMarker: (marker: ReadMarker) => void;
  /**
   * The messages of the user's other rooms since the last batch, oldest first: a connection hears
   * at most one batch per half second, so a busy room costs its members' other tabs one packet,
   * not one per message.
   */
  roomActivity: (events: RoomActivityEvent[]) => void;
}

export const ReadClientEvent = {
  MarkRead: 'markRead',
  GetReadMarker: 'getReadMarker',
} as const satisfies NamesOf<ReadClientEvents>;
export const ReadServerEvent = {
  ReadMarker: 'readMarker',
  RoomActivity: 'roomActivity',
} as const satisfies NamesOf<ReadServerEvents>;

true satisfies CoversExactly<
  (typeof ReadClientEvent)[keyof typeof ReadClientEvent],
  ReadClientEvents
>;
true satisfies CoversExactly<
  (typeof ReadServerEvent)[keyof typeof ReadServerEvent],
  ReadServerEvents
>;

/** `@name` where name follows USERNAME_PATTERN and the `@` does not follow a name character. */
const MENTION = /(^|[^A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{3,32})/g;

/**
 * The lower-cased names a text may @mention (at most `max`). A trailing `.` or `-` may be
 * punctuation ("thanks @ann."), so the name without it is a candidate too.
 */
export function mentionCandidates(content: string, max = 20): string[] {
  const out = new Set<string>();
  for (const match of content.matchAll(MENTION)) {
    const name = (match[2] ?? '').toLowerCase();
    out.add(name);
    const trimmed = name.replace(/[.-]+$/, '');
    if (trimmed.length >= 3) out.add(trimmed);
    if (out.size >= max) break;
  }
  return [...out];
}
