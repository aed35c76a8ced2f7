import type { QualityRating } from '@minimeet/contract';

/** What one getStats interval says about the media received from one peer. */
export interface PeerMetrics {
  rttMs: number | null;
  packetLossPct: number | null;
  bitrateKbps: number | null;
  /** Frame rate of the received camera video, when the peer sends video. */
  frameRate: number | null;
  width: number | null;
  height: number | null;
}

export interface QualityThresholds {
  fairRttMs: number;
  poorRttMs: number;
  fairLossPct: number;
  poorLossPct: number;
  fairFrameRate: number;
  poorFrameRate: number;
}

export const DEFAULT_THRESHOLDS: QualityThresholds = {
  fairRttMs: 250,
  poorRttMs: 500,
  fairLossPct: 2,
  poorLossPct: 8,
  fairFrameRate: 10,
  poorFrameRate: 4,
};

const ORDER: Record<QualityRating, number> = { unknown: 0, good: 1, fair: 2, poor: 3 };

function worst(a: QualityRating, b: QualityRating): QualityRating {
  return ORDER[a] >= ORDER[b] ? a : b;
}

/**
 * Rates a connection from one sample: the worst of round-trip time, packet loss and (when video
 * is expected) frame rate. `unknown` when nothing was measured yet.
 */
export function rateQuality(
  m: PeerMetrics,
  options: { expectVideo: boolean; thresholds?: QualityThresholds },
): QualityRating {
  const t = options.thresholds ?? DEFAULT_THRESHOLDS;
  let rating: QualityRating = 'unknown';
  const grade = (
    value: number | null,
    fair: number,
    poor: number,
    higherIsBetter: boolean,
  ): void => {
    if (value === null || !Number.isFinite(value)) return;
    const bad = (limit: number) => (higherIsBetter ? value < limit : value > limit);
    rating = worst(rating, bad(poor) ? 'poor' : bad(fair) ? 'fair' : 'good');
  };
  grade(m.rttMs, t.fairRttMs, t.poorRttMs, false);
  grade(m.packetLossPct, t.fairLossPct, t.poorLossPct, false);
  if (options.expectVideo) grade(m.frameRate, t.fairFrameRate, t.poorFrameRate, true);
  return rating;
}
