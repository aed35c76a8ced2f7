import type { HandQueueEvent, RaisedHand, ReactionEmoji, ReactionEvent } from '@minimeet/contract';
import { createStore, type ReadableStore } from '../lib/store';
import type { CallConnection } from './callEngine';

/** A reaction on someone's tile, shown for a few seconds. */
export interface ShownReaction {
  id: number;
  userId: string;
  /** Sent by us (shown on our own tile). */
  mine: boolean;
  emoji: ReactionEmoji;
}

export interface HandsState {
  /** The raised hands, first raised first. */
  hands: readonly RaisedHand[];
  /** Our own place in the queue (1 is next), or null while our hand is down. */
  position: number | null;
  reactions: readonly ShownReaction[];
}

export interface Hands extends ReadableStore<HandsState> {
  /** Asks for the queue (after joining the call: events sent before we joined were missed). */
  refresh: () => Promise<void>;
  raise: () => Promise<void>;
  /** Lowers our hand, or someone else's (moderators). */
  lower: (userId?: string) => Promise<void>;
  react: (emoji: ReactionEmoji) => Promise<void>;
  /** Out of the call: nothing to show. */
  reset: () => void;
  dispose: () => void;
}

export interface HandsDeps {
  roomId: string;
  connection: Pick<CallConnection, 'request' | 'on'>;
  selfUserId: () => string | null;
  /** How long a reaction stays on the tile. */
  reactionMs?: number;
}

const EMPTY: HandsState = { hands: [], position: null, reactions: [] };

/** Raised hands and reactions of one room's call, kept from the server's events. */
export function createHands(deps: HandsDeps): Hands {
  const { roomId, connection } = deps;
  const reactionMs = deps.reactionMs ?? 4000;
  const store = createStore<HandsState>(EMPTY);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let active = false;
  let nextId = 1;

  const setQueue = (e: HandQueueEvent): void => {
    if (!active || e.roomId !== roomId) return;
    const position = handPosition(e.hands, deps.selfUserId());
    store.setState((s) => ({ ...s, hands: e.hands, position }));
  };

  const show = (e: ReactionEvent): void => {
    if (!active || e.roomId !== roomId) return;
    const mine = e.userId === deps.selfUserId();
    const shown: ShownReaction = { id: nextId++, userId: e.userId, mine, emoji: e.emoji };
    store.setState((s) => ({ ...s, reactions: [...s.reactions, shown] }));
    const timer = setTimeout(() => {
      timers.delete(timer);
      store.setState((s) => ({ ...s, reactions: s.reactions.filter((r) => r.id !== shown.id) }));
    }, reactionMs);
    timers.add(timer);
  };

  const offs = [connection.on('handQueue', setQueue), connection.on('reaction', show)];

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    refresh: async () => {
      active = true;
      setQueue(await connection.request('getHands', { roomId }));
    },
    raise: async () => setQueue(await connection.request('raiseHand', { roomId })),
    lower: async (userId) =>
      setQueue(
        await connection.request(
          'lowerHand',
          userId === undefined ? { roomId } : { roomId, userId },
        ),
      ),
    react: async (emoji) => {
      await connection.request('sendReaction', { roomId, emoji });
    },
    reset: () => {
      active = false;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      store.setState(EMPTY);
    },
    dispose: () => {
      for (const off of offs) off();
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

/** 1-based place of a user's hand in the queue, or null when it is down. */
export function handPosition(hands: readonly RaisedHand[], userId: string | null): number | null {
  const i = userId === null ? -1 : hands.findIndex((h) => h.userId === userId);
  return i === -1 ? null : i + 1;
}
