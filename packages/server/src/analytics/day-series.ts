/** Pure day arithmetic of the dashboards: UTC days, call stays split across them, peak concurrency. */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a moment, in UTC. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Midnight UTC that starts the day of `ms`. */
export const startOfDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** The window of the last `days` UTC days up to `now`: from midnight of the first, to `now`. */
export function windowOf(days: number, now: number): { from: number; to: number; keys: string[] } {
  const from = startOfDay(now) - (days - 1) * DAY_MS;
  const keys = Array.from({ length: days }, (_, i) => dayOf(from + i * DAY_MS));
  return { from, to: now, keys };
}

/** One stay in a call: who, from when to when (ms; `end` already resolved for open stays). */
export interface Stay {
  userId: string;
  start: number;
  end: number;
}

export interface StayDay {
  /** Minutes spent in calls (unrounded). */
  minutes: number;
  users: Set<string>;
  peak: number;
}

/**
 * Per day of the window: minutes in calls, who was in one, and the most stays at once. A stay that
 * crosses midnight counts on both days. At equal times a leave is counted before a join, so a
 * rejoin does not count one person twice.
 */
export function stayDays(stays: readonly Stay[], from: number, to: number): Map<string, StayDay> {
  const result = new Map<string, StayDay>();
  const clipped = stays
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start || (s.end === s.start && s.start >= from && s.start < to));
  const pieces = new Map<string, Stay[]>();
  for (const stay of clipped) {
    const instant = stay.end === stay.start;
    for (let day = startOfDay(stay.start); day <= stay.end; day += DAY_MS) {
      const start = Math.max(stay.start, day);
      const end = Math.min(stay.end, day + DAY_MS);
      if (end <= start && !instant) continue;
      const key = dayOf(day);
      const list = pieces.get(key) ?? [];
      list.push({ userId: stay.userId, start, end });
      pieces.set(key, list);
    }
  }
  for (const [key, list] of pieces) {
    result.set(key, {
      minutes: list.reduce((sum, s) => sum + (s.end - s.start) / 60_000, 0),
      users: new Set(list.map((s) => s.userId)),
      peak: peakOf(list),
    });
  }
  return result;
}

/** The most intervals open at one moment (ends before starts at equal times). */
export function peakOf(stays: readonly Stay[]): number {
  const edges: [number, number][] = [];
  for (const s of stays) edges.push([s.start, 1], [s.end, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    open += delta;
    peak = Math.max(peak, open);
  }
  return peak;
}

/** Rounds minutes for the wire (one decimal). */
export const roundMinutes = (minutes: number): number => Math.round(minutes * 10) / 10;
