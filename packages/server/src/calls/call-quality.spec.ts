import { describe, expect, it } from 'vitest';
import { aggregate, emptyAggregate, rate, summarize } from './call-quality';

describe('call quality', () => {
  it('sums each metric only over the samples that have it', () => {
    const sut = aggregate([
      { peerId: 'a', rttMs: 40, packetLossPct: 1, bitrateKbps: 500, frameRate: 30 },
      { peerId: 'b', rttMs: 60, packetLossPct: null, frameRate: undefined },
    ]);
    expect(sut).toEqual({
      samples: 2,
      rttSum: 100,
      rttCount: 2,
      lossSum: 1,
      lossCount: 1,
      bitrateSum: 500,
      bitrateCount: 1,
      fpsSum: 30,
      fpsCount: 1,
    });
  });

  it('summarizes averages rounded to 2 decimals, null where nothing was reported', () => {
    const sut = summarize({
      ...emptyAggregate(),
      samples: 3,
      rttSum: 100,
      rttCount: 3,
      fpsSum: 60,
      fpsCount: 2,
    });
    expect(sut).toEqual({
      samples: 3,
      avgRttMs: 33.33,
      avgPacketLossPct: null,
      avgBitrateKbps: null,
      avgFrameRate: 30,
      rating: 'good',
    });
    expect(summarize(emptyAggregate()).rating).toBe('unknown');
  });

  it.each([
    [null, null, 'unknown'],
    [80, 0.5, 'good'],
    [150, 2, 'good'],
    [200, 0, 'fair'],
    [100, 4, 'fair'],
    [350, 0, 'poor'],
    [50, 12, 'poor'],
    [null, 3, 'fair'],
    [400, null, 'poor'],
  ] as const)('rates rtt %s ms and loss %s %% as %s', (rtt, loss, expected) => {
    expect(rate(rtt, loss)).toBe(expected);
  });
});
