import { describe, expect, it } from 'vitest';
import { peakOf, stayDays, windowOf } from './day-series';

const at = (iso: string): number => Date.parse(iso);

describe('day series', () => {
  it('covers the last N UTC days up to now', () => {
    const w = windowOf(3, at('2026-03-10T15:00:00Z'));
    expect(w.keys).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
    expect(w.from).toBe(at('2026-03-08T00:00:00Z'));
  });

  it('counts the most stays at once, a leave before a join at the same moment', () => {
    expect(
      peakOf([
        { userId: 'a', start: 0, end: 10 },
        { userId: 'b', start: 5, end: 20 },
        { userId: 'a', start: 10, end: 30 },
        { userId: 'c', start: 12, end: 13 },
      ]),
    ).toBe(3);
  });

  it('splits a stay across midnight and clips it to the window', () => {
    const days = stayDays(
      [
        { userId: 'a', start: at('2026-03-08T23:30:00Z'), end: at('2026-03-09T00:30:00Z') },
        { userId: 'b', start: at('2026-03-09T00:00:00Z'), end: at('2026-03-09T00:10:00Z') },
        { userId: 'c', start: at('2026-03-01T00:00:00Z'), end: at('2026-03-08T00:05:00Z') },
      ],
      at('2026-03-08T00:00:00Z'),
      at('2026-03-10T00:00:00Z'),
    );
    expect(days.get('2026-03-08')?.minutes).toBe(35);
    expect([...(days.get('2026-03-08')?.users ?? [])].sort()).toEqual(['a', 'c']);
    expect(days.get('2026-03-08')?.peak).toBe(1);
    expect(days.get('2026-03-09')?.minutes).toBe(40);
    expect(days.get('2026-03-09')?.peak).toBe(2);
  });
});
