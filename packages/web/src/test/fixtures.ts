import type { ChatMessage } from '@minimeet/contract';

let seq = 0;

/** A chat message for tests; `minute` sets createdAt on a fixed day. */
export function msg(id: string, minute: number, over: Partial<ChatMessage> = {}): ChatMessage {
  seq += 1;
  const createdAt = new Date(Date.UTC(2025, 0, 15, 10, minute)).toISOString();
  return {
    id,
    roomId: 'room-1',
    content: `message ${id}`,
    createdAt,
    sender: { id: 'u-other', username: 'other' },
    clientMessageId: `c-${id}-${seq}`,
    editedAt: null,
    reactions: [],
    replyTo: null,
    mentions: [],
    attachments: [],
    ...over,
  };
}

export function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

/** A promise with its resolve/reject exposed. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export async function flushPromises(times = 5): Promise<void> {
  for (let i = 0; i < times; i += 1) await Promise.resolve();
}
