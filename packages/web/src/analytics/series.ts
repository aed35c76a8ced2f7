import type { ParticipantQualityTimeline, QualityPoint } from '@minimeet/contract';

/** Columns for a chart: x in Unix seconds, then one column per series (null: no value there). */
export interface ChartData {
  x: number[];
  series: { label: string; values: (number | null)[] }[];
}

/** `YYYY-MM-DD` (UTC) -> Unix seconds of its midnight. */
export const daySeconds = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;

/** One chart of per-day rows: each picked field becomes a series. */
export function dayChart<T extends { day: string }>(
  rows: readonly T[],
  fields: readonly { label: string; pick: (row: T) => number }[],
): ChartData {
  return {
    x: rows.map((r) => daySeconds(r.day)),
    series: fields.map((f) => ({ label: f.label, values: rows.map(f.pick) })),
  };
}

export type QualityMetric = keyof Omit<QualityPoint, 'at'>;

/**
 * One chart of one metric, a series per participant, on the union of their sample times (each
 * participant reports at its own moments; the others have no value there).
 */
export function qualityChart(
  participants: readonly ParticipantQualityTimeline[],
  metric: QualityMetric,
): ChartData {
  const times = new Set<number>();
  for (const p of participants) for (const point of p.points) times.add(Date.parse(point.at));
  const x = [...times].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const series = participants.map((p) => {
    const values: (number | null)[] = x.map(() => null);
    for (const point of p.points) values[index.get(Date.parse(point.at)) ?? 0] = point[metric];
    return { label: p.user.username, values };
  });
  // Someone who rejoined has two stays: their labels say which.
  const seen = new Map<string, number>();
  for (const s of series) {
    const n = (seen.get(s.label) ?? 0) + 1;
    seen.set(s.label, n);
    if (n > 1) s.label = `${s.label} (${n})`;
  }
  return { x: x.map((t) => t / 1000), series };
}

/** How many values a chart really has (what the page reports beside it). */
export const pointCount = (data: ChartData): number =>
  data.series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
