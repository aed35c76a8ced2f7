import type { ChatMessage, ReadMarker } from '@minimeet/contract';
import type { Connection } from '../lib/socket';
import { createStore, type ReadableStore } from '../lib/store';

export interface RoomReadsState {
  /**
   * Our marker when the room was opened: the "New messages" divider goes after it. Undefined
   * until it is known; null when we had read nothing.
   */
  openedAt: string | null | undefined;
}

export interface RoomReads {
  state: ReadableStore<RoomReadsState>;
  /** Fetches the marker (once per opening of the room). */
  load: () => void;
  /** We saw the room up to this message: the marker moves forward (not before it is loaded). */
  seen: (messageId: string) => void;
  /** Our marker moved on another device. */
  moved: (marker: ReadMarker) => void;
}

/** The room's read marker: where the divider goes, and moving the marker as we read. */
export function createRoomReads(
  roomId: string,
  connection: Pick<Connection, 'request'>,
): RoomReads {
  const state = createStore<RoomReadsState>({ openedAt: undefined });
  let marked = 0;
  let loaded = false;
  let waiting = 0;

  function send(id: number): void {
    if (id <= marked) return;
    marked = id;
    connection.request('markRead', { roomId, messageId: String(id) }).catch(() => {
      marked = 0; // try again with the next message we see
    });
  }

  return {
    state,
    load: () => {
      if (state.getState().openedAt !== undefined) return;
      connection
        .request('getReadMarker', { roomId })
        .then((marker) => {
          marked = Math.max(marked, Number(marker.messageId ?? 0));
          state.setState({ openedAt: marker.messageId });
        })
        .catch(() => state.setState({ openedAt: null }))
        .finally(() => {
          loaded = true;
          if (waiting) send(waiting);
        });
    },
    seen: (messageId) => {
      const id = Number(messageId);
      if (loaded) send(id);
      else waiting = Math.max(waiting, id);
    },
    moved: (marker) => {
      if (marker.roomId === roomId) marked = Math.max(marked, Number(marker.messageId ?? 0));
    },
  };
}

/** The first message after the marker that someone else wrote: the divider goes before it. */
export function firstUnreadId(
  messages: readonly ChatMessage[],
  after: string | null | undefined,
  selfId: string | null,
): string | null {
  if (after === undefined) return null;
  const mark = Number(after ?? 0);
  return messages.find((m) => Number(m.id) > mark && m.sender.id !== selfId)?.id ?? null;
}
