import { createStore, type ReadableStore } from '../lib/store';
import type { ViewMode } from './stage';

export interface ViewState {
  mode: ViewMode;
  page: number;
  /** Key of the tile pinned to the stage (only for us), null for none. */
  pinned: string | null;
  selfViewHidden: boolean;
  chatOpen: boolean;
  /** A message arrived while the chat panel was closed. */
  chatUnread: boolean;
  helpOpen: boolean;
}

export interface ViewStore extends ReadableStore<ViewState> {
  setPage: (page: number) => void;
  toggleMode: () => void;
  /** Pins the tile, or unpins it when it is the pinned one. */
  togglePin: (key: string) => void;
  toggleSelfView: () => void;
  toggleChat: () => void;
  /** A chat message arrived: marks the chat unread while its panel is closed. */
  messageArrived: () => void;
  setHelpOpen: (open: boolean) => void;
}

/** How the call is looked at: layout, pin, self-view, chat panel (per room, not saved). */
export function createViewStore(chatOpen = true): ViewStore {
  const store = createStore<ViewState>({
    mode: 'grid',
    page: 0,
    pinned: null,
    selfViewHidden: false,
    chatOpen,
    chatUnread: false,
    helpOpen: false,
  });
  return {
    ...store,
    setPage: (page) => store.setState((s) => ({ ...s, page: Math.max(0, Math.floor(page)) })),
    toggleMode: () =>
      store.setState((s) => ({ ...s, mode: s.mode === 'grid' ? 'speaker' : 'grid', page: 0 })),
    togglePin: (key) =>
      store.setState((s) => ({ ...s, pinned: s.pinned === key ? null : key, page: 0 })),
    toggleSelfView: () => store.setState((s) => ({ ...s, selfViewHidden: !s.selfViewHidden })),
    toggleChat: () => store.setState((s) => ({ ...s, chatOpen: !s.chatOpen, chatUnread: false })),
    messageArrived: () =>
      store.setState((s) => (s.chatOpen || s.chatUnread ? s : { ...s, chatUnread: true })),
    setHelpOpen: (helpOpen) => store.setState((s) => ({ ...s, helpOpen })),
  };
}
