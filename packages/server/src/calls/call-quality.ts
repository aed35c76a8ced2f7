import type { CallQualitySummary, CallStatsSample, QualityRating } from '@minimeet/contract';

/** Running sums of a participant's reported samples: enough for averages without keeping samples. */
export interface QualityAggregate {
  samples: number;
  rttSum: number;
  rttCount: number;
  lossSum: number;
  lossCount: number;
  bitrateSum: number;
  bitrateCount: number;
  fpsSum: number;
  fpsCount: number;
}

export const emptyAggregate = (): QualityAggregate => ({
  samples: 0,
  rttSum: 0,
  rttCount: 0,
  lossSum: 0,
  lossCount: 0,
  bitrateSum: 0,
  bitrateCount: 0,
  fpsSum: 0,
  fpsCount: 0,
});

/** Sums a batch of samples; a metric missing from a sample does not count towards its average. */
export function aggregate(samples: readonly CallStatsSample[]): QualityAggregate {
  const total = emptyAggregate();
  total.samples = samples.length;
  for (const s of samples) {
    if (isNum(s.rttMs)) {
      total.rttSum += s.rttMs;
      total.rttCount += 1;
    }
    if (isNum(s.packetLossPct)) {
      total.lossSum += s.packetLossPct;
      total.lossCount += 1;
    }
    if (isNum(s.bitrateKbps)) {
      total.bitrateSum += s.bitrateKbps;
      total.bitrateCount += 1;
    }
    if (isNum(s.frameRate)) {
      total.fpsSum += s.frameRate;
      total.fpsCount += 1;
    }
  }
  return total;
}

/** Rating thresholds on average round-trip time and packet loss (both must hold). */
const GOOD = { rttMs: 150, lossPct: 2 };
const FAIR = { rttMs: 300, lossPct: 5 };

export function rate(avgRttMs: number | null, avgLossPct: number | null): QualityRating {
  if (avgRttMs === null && avgLossPct === null) return 'unknown';
  const rtt = avgRttMs ?? 0;
  const loss = avgLossPct ?? 0;
  if (rtt <= GOOD.rttMs && loss <= GOOD.lossPct) return 'good';
  if (rtt <= FAIR.rttMs && loss <= FAIR.lossPct) return 'fair';
  return 'poor';
}

export function summarize(a: QualityAggregate): CallQualitySummary {
  const avgRttMs = avg(a.rttSum, a.rttCount);
  const avgPacketLossPct = avg(a.lossSum, a.lossCount);
  return {
    samples: a.samples,
    avgRttMs,
    avgPacketLossPct,
    avgBitrateKbps: avg(a.bitrateSum, a.bitrateCount),
    avgFrameRate: avg(a.fpsSum, a.fpsCount),
    rating: rate(avgRttMs, avgPacketLossPct),
  };
}

const avg = (sum: number, count: number): number | null =>
  count > 0 ? Math.round((sum / count) * 100) / 100 : null;
const isNum = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);
