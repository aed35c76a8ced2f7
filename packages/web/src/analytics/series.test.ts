import type { ParticipantQualityTimeline } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { dayChart, pointCount, qualityChart } from './series';

const point = (at: string, rttMs: number | null) => ({
  at,
  rttMs,
  bitrateKbps: null,
  packetLossPct: null,
  frameRate: null,
});
const stay = (
  username: string,
  points: ReturnType<typeof point>[],
): ParticipantQualityTimeline => ({
  participantId: `${username}-${points.length}`,
  user: { id: username, username },
  joinedAt: '2026-01-01T10:00:00.000Z',
  leftAt: null,
  points,
});

describe('chart series', () => {
  it('turns days into columns', () => {
    const data = dayChart(
      [
        { day: '2026-01-01', messages: 2 },
        { day: '2026-01-02', messages: 5 },
      ],
      [{ label: 'Messages', pick: (r) => r.messages }],
    );
    expect(data).toEqual({
      x: [Date.parse('2026-01-01T00:00:00Z') / 1000, Date.parse('2026-01-02T00:00:00Z') / 1000],
      series: [{ label: 'Messages', values: [2, 5] }],
    });
  });

  it('aligns participants on the union of their times, and names a second stay', () => {
    const data = qualityChart(
      [
        stay('ann', [point('2026-01-01T10:00:00.000Z', 40), point('2026-01-01T10:00:10.000Z', 60)]),
        stay('bob', [point('2026-01-01T10:00:05.000Z', 90)]),
        stay('ann', []),
      ],
      'rttMs',
    );
    expect(data.x).toHaveLength(3);
    expect(data.series).toEqual([
      { label: 'ann', values: [40, null, 60] },
      { label: 'bob', values: [null, 90, null] },
      { label: 'ann (2)', values: [null, null, null] },
    ]);
    expect(pointCount(data)).toBe(3);
  });
});
