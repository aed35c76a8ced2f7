import { describe, expect, it } from 'vitest';
import { computeMetrics, extractCounters, summarizeInbound, type StatsEntry } from './stats';
import type { RoleOfMid } from './stats';

const roles: RoleOfMid = (mid) =>
  mid === '0' ? 'audio' : mid === '1' ? 'camera' : mid === '2' ? 'screen' : undefined;

function report(
  t: number,
  o: { audioBytes: number; videoBytes: number; received: number; lost: number; frames: number },
): StatsEntry[] {
  return [
    {
      type: 'inbound-rtp',
      id: 'a',
      timestamp: t,
      kind: 'audio',
      mid: '0',
      bytesReceived: o.audioBytes,
      packetsReceived: o.received,
      packetsLost: 0,
      totalSamplesReceived: 48_000,
    },
    {
      type: 'inbound-rtp',
      id: 'v',
      timestamp: t,
      kind: 'video',
      mid: '1',
      bytesReceived: o.videoBytes,
      packetsReceived: o.received,
      packetsLost: o.lost,
      framesDecoded: o.frames,
      frameWidth: 320,
      frameHeight: 240,
    },
    {
      type: 'inbound-rtp',
      id: 's',
      timestamp: t,
      kind: 'video',
      mid: '2',
      bytesReceived: 0,
      packetsReceived: 0,
      packetsLost: 0,
      framesDecoded: 7,
    },
    { type: 'transport', id: 't', timestamp: t, selectedCandidatePairId: 'p' },
    {
      type: 'candidate-pair',
      id: 'p',
      timestamp: t,
      currentRoundTripTime: 0.042,
      localCandidateId: 'l',
      remoteCandidateId: 'r',
    },
    { type: 'local-candidate', id: 'l', timestamp: t, candidateType: 'relay' },
    { type: 'remote-candidate', id: 'r', timestamp: t, candidateType: 'relay' },
  ];
}

describe('stats', () => {
  it('extracts counters, camera frames and the selected pair round-trip time', () => {
    const c = extractCounters(
      report(1000, { audioBytes: 100, videoBytes: 900, received: 10, lost: 0, frames: 30 }),
      roles,
    );
    expect(c).toMatchObject({
      timestamp: 1000,
      bytesReceived: 1000,
      packetsReceived: 20,
      packetsLost: 0,
      cameraFramesDecoded: 30,
      cameraWidth: 320,
      rttMs: 42,
    });
  });

  it('computes bitrate, loss and frame rate over the interval', () => {
    const a = extractCounters(
      report(1000, { audioBytes: 0, videoBytes: 0, received: 0, lost: 0, frames: 0 }),
      roles,
    );
    const b = extractCounters(
      report(3000, { audioBytes: 50_000, videoBytes: 200_000, received: 95, lost: 10, frames: 30 }),
      roles,
    );
    const m = computeMetrics(a, b);
    // 250 kB in 2 s = 1000 kbit/s
    expect(m.bitrateKbps).toBe(1000);
    // video lost 10, received 95 in total per stream (audio 95 + video 95): 10 / 200
    expect(m.packetLossPct).toBe(5);
    expect(m.frameRate).toBe(15);
    expect(m).toMatchObject({ rttMs: 42, width: 320, height: 240 });
  });

  it('gives no rates for the first report or after counters reset', () => {
    const b = extractCounters(
      report(3000, { audioBytes: 5, videoBytes: 5, received: 1, lost: 0, frames: 1 }),
      roles,
    );
    expect(computeMetrics(null, b)).toMatchObject({
      bitrateKbps: null,
      packetLossPct: null,
      rttMs: 42,
    });
    const later = extractCounters(
      report(5000, { audioBytes: 0, videoBytes: 0, received: 0, lost: 0, frames: 0 }),
      roles,
    );
    expect(computeMetrics(b, later).bitrateKbps).toBeNull();
  });

  it('summarizes what arrived per role and the candidate types', () => {
    const s = summarizeInbound(
      report(1, { audioBytes: 1, videoBytes: 1, received: 1, lost: 0, frames: 12 }),
      roles,
    );
    expect(s).toEqual({
      cameraFramesDecoded: 12,
      screenFramesDecoded: 7,
      audioSamplesReceived: 48_000,
      localCandidateType: 'relay',
      remoteCandidateType: 'relay',
      localCandidates: 1,
      framesEncoded: 0,
    });
  });
});
