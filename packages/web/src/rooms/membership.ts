import type { JoinRoomResult } from '@minimeet/contract';
import { isTransient, toAppError, type AppError } from '../lib/errors';

export type RoomJoinState =
  | { status: 'idle' }
  | { status: 'joining' }
  | { status: 'joined'; result: JoinRoomResult }
  | { status: 'error'; error: AppError };

export interface MembershipDeps {
  isConnected: () => boolean;
  join: (roomId: string) => Promise<JoinRoomResult>;
  leave: (roomId: string) => Promise<unknown>;
  onConnect: (listener: () => void) => () => void;
  onDisconnect: (listener: () => void) => () => void;
  /** Delay before asking again after a join timed out while still connected. */
  retryDelayMs?: number;
}

export interface RoomMembership {
  /** Keeps the room joined (now and after every reconnect) until the returned release is called. */
  acquire: (roomId: string) => () => void;
  getState: (roomId: string) => RoomJoinState;
  isJoined: (roomId: string) => boolean;
  subscribe: (roomId: string, listener: (state: RoomJoinState) => void) => () => void;
  /** Called whenever any room becomes joined on the current connection. */
  onJoined: (listener: (roomId: string) => void) => () => void;
  dispose: () => void;
}

interface Entry {
  refs: number;
  state: RoomJoinState;
  /** Bumped on every join attempt and on disconnect; stale acks are ignored. */
  generation: number;
  retry?: ReturnType<typeof setTimeout>;
}

const IDLE: RoomJoinState = { status: 'idle' };

/**
 * Which rooms this client has open. The server forgets a socket's rooms when it disconnects,
 * so after every reconnect each open room is joined again.
 */
export function createRoomMembership(deps: MembershipDeps): RoomMembership {
  const rooms = new Map<string, Entry>();
  const listeners = new Map<string, Set<(state: RoomJoinState) => void>>();
  const joinedListeners = new Set<(roomId: string) => void>();

  function setState(roomId: string, entry: Entry, state: RoomJoinState): void {
    entry.state = state;
    for (const listener of [...(listeners.get(roomId) ?? [])]) listener(state);
    if (state.status === 'joined') for (const listener of [...joinedListeners]) listener(roomId);
  }

  function join(roomId: string, entry: Entry): void {
    clearTimeout(entry.retry);
    const generation = ++entry.generation;
    setState(roomId, entry, { status: 'joining' });
    deps.join(roomId).then(
      (result) => {
        if (rooms.get(roomId) !== entry || entry.generation !== generation) return;
        setState(roomId, entry, { status: 'joined', result });
      },
      (error: unknown) => {
        if (rooms.get(roomId) !== entry || entry.generation !== generation) return;
        const appError = toAppError(error);
        if (!isTransient(appError.code)) {
          setState(roomId, entry, { status: 'error', error: appError });
          return;
        }
        setState(roomId, entry, IDLE);
        // Disconnected: the next connect joins again. Still connected: ask again shortly.
        if (deps.isConnected()) {
          entry.retry = setTimeout(() => {
            if (rooms.get(roomId) === entry && deps.isConnected()) join(roomId, entry);
          }, deps.retryDelayMs ?? 2000);
        }
      },
    );
  }

  const offConnect = deps.onConnect(() => {
    for (const [roomId, entry] of rooms) join(roomId, entry);
  });
  const offDisconnect = deps.onDisconnect(() => {
    for (const [roomId, entry] of rooms) {
      clearTimeout(entry.retry);
      entry.generation += 1;
      if (entry.state.status !== 'error') setState(roomId, entry, IDLE);
    }
  });

  return {
    acquire: (roomId) => {
      let entry = rooms.get(roomId);
      if (!entry) {
        entry = { refs: 0, state: IDLE, generation: 0 };
        rooms.set(roomId, entry);
        if (deps.isConnected()) join(roomId, entry);
      }
      entry.refs += 1;
      const owned = entry;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        owned.refs -= 1;
        if (owned.refs > 0 || rooms.get(roomId) !== owned) return;
        rooms.delete(roomId);
        clearTimeout(owned.retry);
        const wasIn = owned.state.status === 'joined' || owned.state.status === 'joining';
        if (wasIn && deps.isConnected()) deps.leave(roomId).catch(() => undefined);
      };
    },
    getState: (roomId) => rooms.get(roomId)?.state ?? IDLE,
    isJoined: (roomId) => rooms.get(roomId)?.state.status === 'joined',
    subscribe: (roomId, listener) => {
      let set = listeners.get(roomId);
      if (!set) listeners.set(roomId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(roomId);
      };
    },
    onJoined: (listener) => {
      joinedListeners.add(listener);
      return () => {
        joinedListeners.delete(listener);
      };
    },
    dispose: () => {
      offConnect();
      offDisconnect();
      for (const entry of rooms.values()) clearTimeout(entry.retry);
      rooms.clear();
    },
  };
}
