import { describe, expect, it } from 'vitest';
import { rateQuality, type PeerMetrics } from './quality';

const base: PeerMetrics = {
  rttMs: 20,
  packetLossPct: 0,
  bitrateKbps: 800,
  frameRate: 24,
  width: 640,
  height: 360,
};

describe('rateQuality', () => {
  it('is good on a healthy connection', () => {
    expect(rateQuality(base, { expectVideo: true })).toBe('good');
  });

  it('is unknown before anything was measured', () => {
    const empty: PeerMetrics = {
      rttMs: null,
      packetLossPct: null,
      bitrateKbps: null,
      frameRate: null,
      width: null,
      height: null,
    };
    expect(rateQuality(empty, { expectVideo: true })).toBe('unknown');
  });

  it('takes the worst of round-trip time, loss and frame rate', () => {
    expect(rateQuality({ ...base, rttMs: 300 }, { expectVideo: true })).toBe('fair');
    expect(rateQuality({ ...base, rttMs: 600 }, { expectVideo: true })).toBe('poor');
    expect(rateQuality({ ...base, packetLossPct: 3 }, { expectVideo: true })).toBe('fair');
    expect(rateQuality({ ...base, packetLossPct: 12 }, { expectVideo: true })).toBe('poor');
    expect(rateQuality({ ...base, frameRate: 7 }, { expectVideo: true })).toBe('fair');
    expect(rateQuality({ ...base, frameRate: 2, rttMs: 300 }, { expectVideo: true })).toBe('poor');
  });

  it('ignores the frame rate when the peer sends no video', () => {
    expect(rateQuality({ ...base, frameRate: 0 }, { expectVideo: false })).toBe('good');
  });
});
