import type { ChatMessage } from '@minimeet/contract';

export type TimelineRow =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; message: ChatMessage; showHeader: boolean };

/** Messages from the same sender closer than this share one name/time header. */
const GROUP_GAP_MS = 5 * 60 * 1000;

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export function dayLabel(date: Date, now: Date, locale?: string): string {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const that = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round((today.getTime() - that.getTime()) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return date.toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

/** Interleaves day separators and marks where a new sender header starts. */
export function toRows(
  messages: readonly ChatMessage[],
  now = new Date(),
  locale?: string,
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: ChatMessage | undefined;
  let previousDay = '';
  for (const message of messages) {
    const date = new Date(message.createdAt);
    const key = dayKey(date);
    let newDay = false;
    if (key !== previousDay) {
      rows.push({ kind: 'day', key: `day-${key}`, label: dayLabel(date, now, locale) });
      previousDay = key;
      newDay = true;
    }
    const showHeader =
      newDay ||
      !previous ||
      previous.sender.id !== message.sender.id ||
      date.getTime() - new Date(previous.createdAt).getTime() > GROUP_GAP_MS;
    rows.push({ kind: 'message', key: message.id, message, showHeader });
    previous = message;
  }
  return rows;
}
