import type { ChatMessage } from '@minimeet/contract';

/** Oldest first; equal times fall back to the id so the order is stable everywhere. */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const retryKey = (m: ChatMessage) => `${m.sender.id}\u0000${m.clientMessageId}`;

/**
 * Merges the current list with incoming messages (a history page, a live message, a catch-up
 * page): no duplicates by id or by (sender, clientMessageId), sorted oldest to newest.
 * Returns `current` itself when nothing new arrived, so React sees no change.
 */
export function mergeMessages(
  current: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  const ids = new Set(current.map((m) => m.id));
  const retries = new Set(current.map(retryKey));
  const fresh: ChatMessage[] = [];
  for (const message of incoming) {
    const key = retryKey(message);
    if (ids.has(message.id) || retries.has(key)) continue;
    ids.add(message.id);
    retries.add(key);
    fresh.push(message);
  }
  if (fresh.length === 0) return current as ChatMessage[];

  const last = current[current.length - 1];
  fresh.sort(compareMessages);
  const first = fresh[0];
  // Fast path for the common case: new messages after everything we have.
  if (!last || (first && compareMessages(last, first) <= 0)) return [...current, ...fresh];
  return [...current, ...fresh].sort(compareMessages);
}

/** True when `page` shares at least one message with `current` (no gap between them). */
export function overlaps(current: readonly ChatMessage[], page: readonly ChatMessage[]): boolean {
  const ids = new Set(current.map((m) => m.id));
  return page.some((m) => ids.has(m.id));
}
