import type { CallEngine } from './callEngine';

export interface CallRegistry {
  /** The engine of a room (created on first use, kept for the page's lifetime). */
  get: (roomId: string) => CallEngine;
  /** Keeps a room's call UI alive; when the last holder lets go the call is left. */
  retain: (roomId: string) => () => void;
  /** Joins a room's call, leaving any other room's call first (one call at a time). */
  join: (roomId: string) => Promise<void>;
  /** The engine most recently in use (for the page-closing handler and test hooks). */
  current: () => CallEngine | null;
}

export function createCallRegistry(
  create: (roomId: string) => CallEngine,
  options: { releaseDelayMs?: number } = {},
): CallRegistry {
  const engines = new Map<string, CallEngine>();
  const holders = new Map<string, number>();
  let last: CallEngine | null = null;

  function get(roomId: string): CallEngine {
    let engine = engines.get(roomId);
    if (!engine) {
      engine = create(roomId);
      engines.set(roomId, engine);
    }
    return engine;
  }

  return {
    get,
    retain: (roomId) => {
      holders.set(roomId, (holders.get(roomId) ?? 0) + 1);
      last = get(roomId);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders.set(roomId, (holders.get(roomId) ?? 1) - 1);
        // A remount (React StrictMode, route refresh) takes the room back before this runs.
        setTimeout(() => {
          if ((holders.get(roomId) ?? 0) > 0) return;
          const engine = engines.get(roomId);
          if (!engine) return;
          if (engine.getState().phase === 'prejoin') engine.cancelPreJoin();
          else if (engine.getState().phase !== 'idle') void engine.leave();
        }, options.releaseDelayMs ?? 0);
      };
    },
    join: async (roomId) => {
      const others = [...engines.values()].filter(
        (e) => e.roomId !== roomId && e.getState().phase !== 'idle',
      );
      await Promise.all(others.map((e) => e.leave()));
      last = get(roomId);
      await last.join();
    },
    current: () => last,
  };
}
