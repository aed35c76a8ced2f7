import type { ChatMessage, LoadHistoryResult, ReplyQuote } from '@minimeet/contract';
import { toAppError, type AppErrorCode } from '../lib/errors';
import { createStore, type ReadableStore } from '../lib/store';
import { mergeMessages, overlaps } from './mergePages';

export interface TimelineState {
  /** Oldest to newest, no duplicates. */
  messages: readonly ChatMessage[];
  /** Cursor of the next older page; null when the start of the room is loaded. */
  nextCursor: string | null;
  /** The newest page has arrived at least once. */
  loaded: boolean;
  loadingOlder: boolean;
  errorCode: AppErrorCode | null;
}

export interface Timeline extends ReadableStore<TimelineState> {
  /** Loads the newest page; later calls catch up after a reconnect (gaps reset the older pages). */
  loadLatest: () => Promise<void>;
  loadOlder: () => Promise<void>;
  add: (message: ChatMessage) => void;
  /** A moderator deleted the message: its text is gone. */
  markDeleted: (messageId: string) => void;
  /** The message changed (edit, its author's delete, reactions): take its current state. */
  update: (message: ChatMessage) => void;
  /** Loads older pages until the message is present (for "open at this message"). */
  ensureMessage: (messageId: string, maxPages?: number) => Promise<boolean>;
}

export type PageLoader = (before: string | undefined) => Promise<LoadHistoryResult>;

const initial: TimelineState = {
  messages: [],
  nextCursor: null,
  loaded: false,
  loadingOlder: false,
  errorCode: null,
};

/** The quote a reply shows of `original` as it is now. */
export function quoteOf(original: ChatMessage): ReplyQuote {
  const { id, sender } = original;
  if (original.deleted) return { id, sender, excerpt: '', deleted: true };
  return { id, sender, excerpt: original.content.split('\n', 1)[0] ?? '' };
}

/**
 * The list with `message` in its current state, and the quotes of its replies following it;
 * `messages` itself when the message is not loaded.
 */
function replaced(messages: readonly ChatMessage[], message: ChatMessage): readonly ChatMessage[] {
  if (!messages.some((m) => m.id === message.id)) return messages;
  const quote = quoteOf(message);
  return messages.map((m) => {
    if (m.id === message.id) return message;
    if (m.replyTo?.id === message.id) return { ...m, replyTo: quote };
    return m;
  });
}

/** One room's message history: REST/socket pages merged with live messages. */
export function createTimeline(loadPage: PageLoader): Timeline {
  const store = createStore<TimelineState>(initial);
  /** Bumped when the older pages are thrown away, so an in-flight older page is dropped. */
  let generation = 0;
  let latestInFlight: Promise<void> | null = null;
  let olderInFlight: Promise<void> | null = null;

  async function fetchLatest(): Promise<void> {
    try {
      const page = await loadPage(undefined);
      store.setState((s) => {
        if (!s.loaded || s.messages.length === 0) {
          return {
            ...s,
            loaded: true,
            errorCode: null,
            nextCursor: page.nextCursor,
            messages: mergeMessages(s.messages, page.messages),
          };
        }
        if (page.nextCursor === null || overlaps(s.messages, page.messages)) {
          return { ...s, errorCode: null, messages: mergeMessages(s.messages, page.messages) };
        }
        // Missed more than a page while away: keep the newest page, reload older ones on demand.
        generation += 1;
        const oldest = page.messages[0];
        const newer = oldest ? s.messages.filter((m) => m.createdAt > oldest.createdAt) : [];
        return {
          ...s,
          errorCode: null,
          loadingOlder: false,
          nextCursor: page.nextCursor,
          messages: mergeMessages(page.messages, newer),
        };
      });
    } catch (error) {
      store.setState((s) => ({ ...s, errorCode: toAppError(error).code }));
    }
  }

  async function fetchOlder(): Promise<void> {
    const { nextCursor, loaded } = store.getState();
    if (!loaded || nextCursor === null) return;
    const started = generation;
    store.setState((s) => ({ ...s, loadingOlder: true }));
    try {
      const page = await loadPage(nextCursor);
      if (started !== generation) return;
      store.setState((s) => ({
        ...s,
        loadingOlder: false,
        errorCode: null,
        nextCursor: page.nextCursor,
        messages: mergeMessages(s.messages, page.messages),
      }));
    } catch (error) {
      if (started !== generation) return;
      store.setState((s) => ({ ...s, loadingOlder: false, errorCode: toAppError(error).code }));
    }
  }

  const loadLatest = () => {
    latestInFlight ??= fetchLatest().finally(() => {
      latestInFlight = null;
    });
    return latestInFlight;
  };
  const loadOlder = () => {
    olderInFlight ??= fetchOlder().finally(() => {
      olderInFlight = null;
    });
    return olderInFlight;
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    loadLatest,
    loadOlder,
    add: (message) => {
      store.setState((s) => {
        const messages = mergeMessages(s.messages, [message]);
        return messages === s.messages ? s : { ...s, messages };
      });
    },
    markDeleted: (messageId) => {
      store.setState((s) => {
        const current = s.messages.find((m) => m.id === messageId);
        if (!current) return s;
        const deleted: ChatMessage = {
          ...current,
          content: '',
          deleted: true,
          deletedBy: 'moderator',
          reactions: [],
        };
        return { ...s, messages: replaced(s.messages, deleted) };
      });
    },
    update: (message) => {
      store.setState((s) => {
        const messages = replaced(s.messages, message);
        return messages === s.messages ? s : { ...s, messages };
      });
    },
    ensureMessage: async (messageId, maxPages = 20) => {
      const has = () => store.getState().messages.some((m) => m.id === messageId);
      for (let page = 0; !has() && page < maxPages; page += 1) {
        const { nextCursor, loaded } = store.getState();
        if (!loaded || nextCursor === null) break;
        await loadOlder();
        if (store.getState().errorCode) break;
      }
      return has();
    },
  };
}
