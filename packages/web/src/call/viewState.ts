import { createStore, type ReadableStore } from '../lib/store';
import type { ViewMode } from './arrangement';

export interface ViewState {
  mode: ViewMode;
  page: number;
}

export interface ViewStore extends ReadableStore<ViewState> {
  setPage: (page: number) => void;
  toggleMode: () => void;
}

/** How the call is looked at: grid or active speaker, and which page (per room, not saved). */
export function createViewStore(): ViewStore {
  const store = createStore<ViewState>({ mode: 'grid', page: 0 });
  return {
    ...store,
    setPage: (page) => store.setState((s) => ({ ...s, page: Math.max(0, Math.floor(page)) })),
    toggleMode: () =>
      store.setState((s) => ({ mode: s.mode === 'grid' ? 'speaker' : 'grid', page: 0 })),
  };
}
