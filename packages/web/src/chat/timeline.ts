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
  /**
   * Live delivery stopped (the socket dropped), or stopped at `since` (server time): the next
   * `loadLatest` catches up from the newest message we had before then, and takes the current
   * state of the messages we hold that changed since (edits, deletes, reactions).
   */
  interrupted: (since?: string) => void;
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
/** The page of messages after the message `after` (oldest first); nextCursor: the next `after`. */
export type CatchUpLoader = (after: string) => Promise<LoadHistoryResult>;
/**
 * The messages changed after `changedSince` (an ISO date-time, or the previous page's nextCursor),
 * oldest change first, as they are now.
 */
export type ChangesLoader = (changedSince: string) => Promise<LoadHistoryResult>;

/**
 * After our own socket dropped we know no server time of the drop, only the newest server time we
 * saw (a message's createdAt or editedAt, a catchUp's since). Changes stamped shortly before it may
 * still have been on their way to us (another process, a slower path), and server processes'
 * clocks differ a little: so changes are asked for from that time minus this margin. Asking from
 * too early only returns changes we already have, which replace their copies harmlessly.
 */
export const CHANGES_MARGIN_MS = 5000;

/** More missed than this many catch-up pages: show the newest page, load older ones on demand. */
const MAX_CATCH_UP_PAGES = 10;

const byId = (a: string, b: string): number => Number(a) - Number(b);

/** The newest server time the messages carry (created or edited), as ms; -Infinity for none. */
function newestTime(messages: readonly ChatMessage[]): number {
  let newest = -Infinity;
  for (const m of messages) {
    const times = [Date.parse(m.createdAt), m.editedAt ? Date.parse(m.editedAt) : NaN];
    for (const t of times) if (t > newest) newest = t;
  }
  return newest;
}

/**
 * The id to catch up after: the highest id of the messages created before `since` (server ids
 * grow as decimal strings), or of all of them; without any before `since`, the oldest we have.
 */
function anchorOf(messages: readonly ChatMessage[], since?: string): string | undefined {
  const before =
    since === undefined
      ? messages
      : messages.filter((m) => Date.parse(m.createdAt) < Date.parse(since));
  const candidates = before.length > 0 ? before : messages.slice(0, 1);
  return candidates
    .map((m) => m.id)
    .sort(byId)
    .at(-1);
}

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

/**
 * One room's message history: REST/socket pages merged with live messages. With `loadAfter`, a
 * later `loadLatest` (after a reconnect) fetches what came after the newest message it has,
 * instead of only the newest page, so nothing missed in between is skipped. With `loadChanges`, it
 * also takes the current state of the messages it holds that changed while delivery was
 * interrupted (it never adds messages from them: only replaces the ones it has, by id).
 */
export function createTimeline(
  loadPage: PageLoader,
  loadAfter?: CatchUpLoader,
  loadChanges?: ChangesLoader,
): Timeline {
  const store = createStore<TimelineState>(initial);
  /** Bumped when the older pages are thrown away, so an in-flight older page is dropped. */
  let generation = 0;
  let latestInFlight: Promise<void> | null = null;
  /** Where the next catch-up starts: set when delivery was interrupted. */
  let catchUpFrom: string | undefined;
  let olderInFlight: Promise<void> | null = null;
  /** The newest server time seen (ms): messages' createdAt/editedAt, catchUp events' since. */
  let serverTime = -Infinity;
  /** Where the next catch-up on changes starts (server ms): set when delivery was interrupted. */
  let changesFrom: number | undefined;
  /** Ids changed live while a changes page is in flight: their live state is newer than the page's. */
  let liveChanged: Set<string> | null = null;

  function saw(messages: readonly ChatMessage[]): void {
    serverTime = Math.max(serverTime, newestTime(messages));
  }

  /** Replaces the messages held with the current state of those that changed after `since`. */
  async function catchUpChanges(load: ChangesLoader, since: number): Promise<void> {
    let cursor: string | null = new Date(since).toISOString();
    for (let pages = 0; cursor !== null && pages < MAX_CATCH_UP_PAGES; pages += 1) {
      const live = new Set<string>();
      liveChanged = live;
      const page = await load(cursor).finally(() => {
        if (liveChanged === live) liveChanged = null;
      });
      saw(page.messages);
      store.setState((s) => {
        let messages = s.messages;
        for (const m of page.messages) if (!live.has(m.id)) messages = replaced(messages, m);
        return messages === s.messages ? s : { ...s, messages };
      });
      cursor = page.nextCursor;
    }
  }

  /** Pages forward from `after`; false when more is missing than MAX_CATCH_UP_PAGES hold. */
  async function catchUp(load: CatchUpLoader, after: string): Promise<boolean> {
    let cursor: string | null = after;
    for (let pages = 0; cursor !== null && pages < MAX_CATCH_UP_PAGES; pages += 1) {
      const page = await load(cursor);
      saw(page.messages);
      store.setState((s) => ({
        ...s,
        errorCode: null,
        messages: mergeMessages(s.messages, page.messages),
      }));
      cursor = page.nextCursor;
    }
    return cursor === null;
  }

  async function fetchLatest(): Promise<void> {
    try {
      const since = changesFrom;
      await fetchNew();
      if (loadChanges && since !== undefined) await catchUpChanges(loadChanges, since);
      if (changesFrom === since) changesFrom = undefined;
    } catch (error) {
      store.setState((s) => ({ ...s, errorCode: toAppError(error).code }));
    }
  }

  /** New messages: forward from where we were, or the newest page (which may reset older pages). */
  async function fetchNew(): Promise<void> {
    const { loaded, messages } = store.getState();
    const after = catchUpFrom ?? anchorOf(messages);
    if (loadAfter && loaded && after !== undefined && (await catchUp(loadAfter, after))) {
      if (catchUpFrom === after) catchUpFrom = undefined;
      return;
    }
    catchUpFrom = undefined;
    const page = await loadPage(undefined);
    saw(page.messages);
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
  }

  async function fetchOlder(): Promise<void> {
    const { nextCursor, loaded } = store.getState();
    if (!loaded || nextCursor === null) return;
    const started = generation;
    store.setState((s) => ({ ...s, loadingOlder: true }));
    try {
      const page = await loadPage(nextCursor);
      saw(page.messages);
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
    interrupted: (since) => {
      // Changes from the server's time of the interruption when it tells us (catchUp), else from
      // the newest server time we saw minus CHANGES_MARGIN_MS (our own reconnect). Nothing seen
      // and no `since`: we hold no messages, so there is nothing to replace.
      const at = since === undefined ? serverTime - CHANGES_MARGIN_MS : Date.parse(since);
      if (Number.isFinite(at)) changesFrom = Math.min(changesFrom ?? at, at);
      if (Number.isFinite(at) && since !== undefined) serverTime = Math.max(serverTime, at);
      const anchor = anchorOf(store.getState().messages, since);
      if (anchor === undefined) return;
      // Two interruptions before a catch-up: start from the earlier one.
      catchUpFrom =
        catchUpFrom === undefined || byId(anchor, catchUpFrom) < 0 ? anchor : catchUpFrom;
    },
    add: (message) => {
      saw([message]);
      store.setState((s) => {
        const messages = mergeMessages(s.messages, [message]);
        return messages === s.messages ? s : { ...s, messages };
      });
    },
    markDeleted: (messageId) => {
      liveChanged?.add(messageId);
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
      saw([message]);
      liveChanged?.add(message.id);
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
