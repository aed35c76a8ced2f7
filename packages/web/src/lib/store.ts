/** A tiny observable value: the shape every plain module exposes to React (useSyncExternalStore). */
export type Listener = () => void;

export interface ReadableStore<T> {
  getState: () => T;
  subscribe: (listener: Listener) => () => void;
}

export interface Store<T> extends ReadableStore<T> {
  setState: (next: T | ((prev: T) => T)) => void;
}

export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    getState: () => state,
    setState: (next) => {
      const value = typeof next === 'function' ? (next as (prev: T) => T)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      for (const listener of [...listeners]) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
