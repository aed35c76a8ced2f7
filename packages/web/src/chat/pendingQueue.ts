import type { Attachment, ReplyQuote } from '@minimeet/contract';
import { newId } from '../lib/ids';
import type { AppErrorCode } from '../lib/errors';
import { createStore, type ReadableStore } from '../lib/store';

export type PendingStatus = 'pending' | 'sending' | 'failed';

/** A message the server has not confirmed yet. `clientMessageId` makes resending it safe. */
export interface PendingMessage {
  clientMessageId: string;
  roomId: string;
  content: string;
  createdAt: string;
  /** The message this one answers, as quoted when it was written. */
  replyTo?: ReplyQuote;
  /** Files uploaded already, sent with it. */
  attachments?: Attachment[];
  status: PendingStatus;
  errorCode?: AppErrorCode;
}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface PendingQueue extends ReadableStore<readonly PendingMessage[]> {
  /** Switches to a user's queue (null: nobody signed in) and loads what was saved for them. */
  load: (ownerId: string | null) => void;
  enqueue: (
    roomId: string,
    content: string,
    replyTo?: ReplyQuote,
    attachments?: Attachment[],
  ) => PendingMessage;
  /** The oldest message of the room waiting to go out. */
  nextPending: (roomId: string) => PendingMessage | undefined;
  markSending: (clientMessageId: string) => void;
  markPending: (clientMessageId: string) => void;
  markFailed: (clientMessageId: string, code: AppErrorCode) => void;
  remove: (clientMessageId: string) => void;
  /** Forgets the saved queue of the current owner (on sign-out). */
  clear: () => void;
}

const STORAGE_PREFIX = 'minimeet.pending.';

function isPendingMessage(value: unknown): value is PendingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.clientMessageId === 'string' &&
    typeof v.roomId === 'string' &&
    typeof v.content === 'string' &&
    typeof v.createdAt === 'string' &&
    (v.status === 'pending' || v.status === 'sending' || v.status === 'failed')
  );
}

/**
 * The outgoing-message queue, saved in storage per user so a reload does not lose anything.
 * A message that was "sending" when the page went away is "pending" again after a reload.
 */
export function createPendingQueue(options: {
  storage: KeyValueStorage | null;
  now?: () => Date;
  makeId?: () => string;
}): PendingQueue {
  const { storage, now = () => new Date(), makeId = newId } = options;
  const store = createStore<readonly PendingMessage[]>([]);
  let owner: string | null = null;

  function persist(items: readonly PendingMessage[]): void {
    if (!storage || !owner) return;
    try {
      if (items.length === 0) storage.removeItem(STORAGE_PREFIX + owner);
      else storage.setItem(STORAGE_PREFIX + owner, JSON.stringify(items));
    } catch {
      // Storage full or blocked: the queue still works for this page's lifetime.
    }
  }

  function update(fn: (items: readonly PendingMessage[]) => readonly PendingMessage[]): void {
    const next = fn(store.getState());
    if (next === store.getState()) return;
    store.setState(next);
    persist(next);
  }

  function patch(id: string, change: Partial<PendingMessage>): void {
    update((items) => {
      const index = items.findIndex((m) => m.clientMessageId === id);
      const item = items[index];
      if (!item) return items;
      const copy = [...items];
      copy[index] = { ...item, ...change };
      return copy;
    });
  }

  function read(ownerId: string): PendingMessage[] {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_PREFIX + ownerId) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      return parsed
        .filter(isPendingMessage)
        .map((m) => (m.status === 'sending' ? { ...m, status: 'pending' as const } : m));
    } catch {
      return [];
    }
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    load: (ownerId) => {
      if (ownerId === owner) return;
      owner = ownerId;
      store.setState(ownerId ? read(ownerId) : []);
    },
    enqueue: (roomId, content, replyTo, attachments) => {
      const item: PendingMessage = {
        clientMessageId: makeId(),
        roomId,
        content,
        createdAt: now().toISOString(),
        status: 'pending',
        ...(replyTo ? { replyTo } : {}),
        ...(attachments && attachments.length > 0 ? { attachments } : {}),
      };
      update((items) => [...items, item]);
      return item;
    },
    nextPending: (roomId) =>
      store.getState().find((m) => m.roomId === roomId && m.status === 'pending'),
    markSending: (id) => patch(id, { status: 'sending', errorCode: undefined }),
    markPending: (id) => patch(id, { status: 'pending', errorCode: undefined }),
    markFailed: (id, code) => patch(id, { status: 'failed', errorCode: code }),
    remove: (id) =>
      update((items) => {
        const next = items.filter((m) => m.clientMessageId !== id);
        return next.length === items.length ? items : next;
      }),
    clear: () => {
      update(() => []);
      if (owner) storage?.removeItem(STORAGE_PREFIX + owner);
    },
  };
}

/** localStorage when the browser lets us use it. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
