import {
  UNREAD_COUNT_CAP,
  type ReadMarker,
  type RoomActivityEvent,
  type RoomSummary,
} from '@minimeet/contract';
import { createStore, type ReadableStore } from '../lib/store';

export interface RoomUnread {
  unread: number;
  mentions: number;
  /** The newest message we know of in the room (0: none seen since the counts came). */
  newestId: number;
  name?: string;
}
export type UnreadState = Readonly<Record<string, RoomUnread>>;

export interface UnreadStore extends ReadableStore<UnreadState> {
  /** The counts of a page of the room list (the server's word replaces ours). */
  seed: (rooms: readonly RoomSummary[]) => void;
  /** A message arrived in one of our rooms: one more unread (and mention) unless we are reading it. */
  activity: (event: RoomActivityEvent) => void;
  /** Our marker moved (here or on another device): the room is read up to there. */
  read: (marker: ReadMarker) => void;
}

export interface UnreadDeps {
  selfId: () => string | null;
  /** Whether the user is looking at the newest messages of this room right now. */
  isReading: (roomId: string) => boolean;
}

const capped = (n: number) => Math.min(n, UNREAD_COUNT_CAP);

/** Unread and mention counts per room, from the room list and kept live by socket events. */
export function createUnreadStore(deps: UnreadDeps): UnreadStore {
  const store = createStore<UnreadState>({});
  const patch = (roomId: string, change: (room: RoomUnread) => RoomUnread) =>
    store.setState((s) => ({
      ...s,
      [roomId]: change(s[roomId] ?? { unread: 0, mentions: 0, newestId: 0 }),
    }));
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    seed: (rooms) =>
      store.setState((s) => {
        const next = { ...s };
        for (const r of rooms)
          next[r.id] = {
            unread: r.unreadCount,
            mentions: r.mentionCount,
            newestId: s[r.id]?.newestId ?? 0,
            name: r.name,
          };
        return next;
      }),
    activity: (e) => {
      const self = deps.selfId();
      const id = Number(e.messageId);
      if (e.senderId === self || deps.isReading(e.roomId)) {
        patch(e.roomId, (r) => ({ ...r, newestId: Math.max(r.newestId, id) }));
        return;
      }
      const mentioned = self !== null && e.mentions.includes(self);
      patch(e.roomId, (r) => ({
        ...r,
        unread: capped(r.unread + 1),
        mentions: capped(r.mentions + (mentioned ? 1 : 0)),
        newestId: Math.max(r.newestId, id),
      }));
    },
    read: (marker) => {
      const id = Number(marker.messageId ?? 0);
      patch(marker.roomId, (r) =>
        id >= r.newestId ? { ...r, unread: 0, mentions: 0, newestId: id } : r,
      );
    },
  };
}

/** Every room's unread messages together (for the tab title). */
export const totalUnread = (state: UnreadState): number =>
  Object.values(state).reduce((sum, r) => sum + r.unread, 0);

/** A count as a badge shows it: "99+" from the cap on. */
export const badgeText = (n: number): string =>
  n >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(n);
