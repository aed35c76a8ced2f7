import { useSyncExternalStore } from 'react';
import type { ReadableStore } from './store';

/** Subscribes a component to a plain store; re-renders when its state object changes. */
export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
