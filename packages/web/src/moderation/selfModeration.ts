import type { MediaModeratedEvent, MediaUnblockedEvent, ModeratedMedia } from '@minimeet/contract';
import type { Connection } from '../lib/socket';
import { createStore, type ReadableStore } from '../lib/store';
import { CALL_ENDED_NOTICE, mediaModeratedNotice, mediaUnblockedNotice } from './notices';

export interface SelfModerationState {
  /** Media a moderator keeps us from turning on in this call. */
  blocked: readonly ModeratedMedia[];
  /** What a moderator last did to us, shown until the next one (or a new call). */
  notice: string | null;
}

export interface SelfModeration extends ReadableStore<SelfModerationState> {
  /** Asks for our blocks (after joining the call: events sent before were missed). */
  refresh: () => Promise<void>;
  /** Out of the call: no blocks to show (the notice stays, to say why). */
  reset: () => void;
  dispose: () => void;
}

export interface SelfModerationDeps {
  roomId: string;
  connection: Pick<Connection, 'request' | 'on'>;
  /** Turns our media of that kind off (the moderator's request). */
  turnOff: (kind: ModeratedMedia) => void;
  /** A moderator ended the call for everyone. */
  callEnded: () => void;
}

const EMPTY: SelfModerationState = { blocked: [], notice: null };

/** What moderators do to us in one room's call: turn our media off, block it, end the call. */
export function createSelfModeration(deps: SelfModerationDeps): SelfModeration {
  const { roomId, connection } = deps;
  const store = createStore<SelfModerationState>(EMPTY);

  const moderated = (e: MediaModeratedEvent): void => {
    if (e.roomId !== roomId) return;
    deps.turnOff(e.kind);
    store.setState((s) => ({
      blocked: e.blocked && !s.blocked.includes(e.kind) ? [...s.blocked, e.kind] : s.blocked,
      notice: mediaModeratedNotice(e.kind, e.blocked),
    }));
  };
  const unblocked = (e: MediaUnblockedEvent): void => {
    if (e.roomId !== roomId) return;
    store.setState((s) => ({
      blocked: s.blocked.filter((k) => k !== e.kind),
      notice: mediaUnblockedNotice(e.kind),
    }));
  };
  const offs = [
    connection.on('mediaModerated', moderated),
    connection.on('mediaUnblocked', unblocked),
    connection.on('callEndedByModerator', (e) => {
      if (e.roomId !== roomId) return;
      store.setState({ blocked: [], notice: CALL_ENDED_NOTICE });
      deps.callEnded();
    }),
  ];

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    refresh: async () => {
      const { blocked } = await connection.request('getMediaBlocks', { roomId });
      store.setState({ blocked, notice: null });
    },
    reset: () => store.setState((s) => ({ ...s, blocked: [] })),
    dispose: () => {
      for (const off of offs) off();
    },
  };
}
