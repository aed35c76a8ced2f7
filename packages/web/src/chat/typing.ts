import type { TypingEvent } from '@minimeet/contract';
import { createStore, type ReadableStore } from '../lib/store';

export interface Typist {
  userId: string;
  username: string;
}

export interface TypingTracker extends ReadableStore<readonly Typist[]> {
  handle: (event: TypingEvent) => void;
  /** Someone who sent a message has stopped typing. */
  stopped: (userId: string) => void;
  clear: () => void;
}

/**
 * Who else is typing in a room. An entry expires by itself when no update arrives, so a lost
 * "stopped typing" event cannot leave a ghost.
 */
export function createTypingTracker(options: {
  selfId: () => string | null;
  expireMs?: number;
}): TypingTracker {
  const expireMs = options.expireMs ?? 6000;
  const store = createStore<readonly Typist[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function stopped(userId: string): void {
    clearTimeout(timers.get(userId));
    timers.delete(userId);
    store.setState((list) =>
      list.some((t) => t.userId === userId) ? list.filter((t) => t.userId !== userId) : list,
    );
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    stopped,
    handle: (event) => {
      if (event.userId === options.selfId()) return;
      if (!event.isTyping) {
        stopped(event.userId);
        return;
      }
      clearTimeout(timers.get(event.userId));
      timers.set(
        event.userId,
        setTimeout(() => stopped(event.userId), expireMs),
      );
      store.setState((list) =>
        list.some((t) => t.userId === event.userId)
          ? list
          : [...list, { userId: event.userId, username: event.username }],
      );
    },
    clear: () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      store.setState([]);
    },
  };
}

/** The sentence under the message list, or '' when nobody types. */
export function typingText(typists: readonly Typist[]): string {
  const names = typists.map((t) => t.username);
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more are typing…`;
}

/**
 * Our own typing signal: "typing" on the first keystroke (repeated while typing continues) and
 * "stopped" after a pause, on send or when the composer loses focus.
 */
export function createTypingSender(options: {
  send: (isTyping: boolean) => void;
  idleMs?: number;
  repeatMs?: number;
  now?: () => number;
}) {
  const { send, idleMs = 3000, repeatMs = 2500, now = () => Date.now() } = options;
  let typing = false;
  let lastSent = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function stop(): void {
    clearTimeout(idleTimer);
    if (!typing) return;
    typing = false;
    send(false);
  }

  return {
    input: () => {
      if (!typing || now() - lastSent >= repeatMs) {
        typing = true;
        lastSent = now();
        send(true);
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, idleMs);
    },
    stop,
  };
}
export type TypingSender = ReturnType<typeof createTypingSender>;
