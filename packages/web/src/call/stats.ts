import type { PeerMetrics } from './quality';

/** One entry of an RTCStatsReport, read loosely (browsers differ in which fields they fill). */
export interface StatsEntry {
  type: string;
  id: string;
  timestamp: number;
  [key: string]: unknown;
}

/** Which media a receiving transceiver carries, decided from the SDP (see trackRoles.ts). */
export type TrackRole = 'audio' | 'camera' | 'screen';
export type RoleOfMid = (mid: string | undefined) => TrackRole | undefined;

/** Cumulative counters of one report; two of them make an interval (computeMetrics). */
export interface StatsCounters {
  timestamp: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  cameraFramesDecoded: number | null;
  cameraFramesPerSecond: number | null;
  cameraWidth: number | null;
  cameraHeight: number | null;
  rttMs: number | null;
}

/** What tests and diagnostics read: proof that media flows and over which kind of path. */
export interface InboundSummary {
  cameraFramesDecoded: number;
  screenFramesDecoded: number;
  audioSamplesReceived: number;
  localCandidateType: string | null;
  remoteCandidateType: string | null;
  /** Candidates our side gathered. */
  localCandidates: number;
  /** Video frames we encoded for this peer (camera and screen). */
  framesEncoded: number;
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function roleOf(entry: StatsEntry, roles: RoleOfMid): TrackRole | undefined {
  const byMid = roles(str(entry.mid));
  if (byMid) return byMid;
  return entry.kind === 'audio' ? 'audio' : entry.kind === 'video' ? 'camera' : undefined;
}

function selectedPair(entries: readonly StatsEntry[]): StatsEntry | undefined {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of entries) {
    if (e.type !== 'transport') continue;
    const pair = byId.get(str(e.selectedCandidatePairId) ?? '');
    if (pair) return pair;
  }
  return entries.find(
    (e) => e.type === 'candidate-pair' && e.state === 'succeeded' && e.nominated === true,
  );
}

export function extractCounters(report: Iterable<StatsEntry>, roles: RoleOfMid): StatsCounters {
  const entries = [...report];
  const counters: StatsCounters = {
    timestamp: 0,
    bytesReceived: 0,
    packetsReceived: 0,
    packetsLost: 0,
    cameraFramesDecoded: null,
    cameraFramesPerSecond: null,
    cameraWidth: null,
    cameraHeight: null,
    rttMs: null,
  };
  let remoteRtt: number | null = null;
  for (const e of entries) {
    counters.timestamp = Math.max(counters.timestamp, e.timestamp);
    if (e.type === 'inbound-rtp') {
      counters.bytesReceived += num(e.bytesReceived) ?? 0;
      counters.packetsReceived += num(e.packetsReceived) ?? 0;
      counters.packetsLost += Math.max(0, num(e.packetsLost) ?? 0);
      if (roleOf(e, roles) === 'camera' && counters.cameraFramesDecoded === null) {
        counters.cameraFramesDecoded = num(e.framesDecoded) ?? 0;
        counters.cameraFramesPerSecond = num(e.framesPerSecond);
        counters.cameraWidth = num(e.frameWidth);
        counters.cameraHeight = num(e.frameHeight);
      }
    } else if (e.type === 'remote-inbound-rtp') {
      remoteRtt ??= num(e.roundTripTime);
    }
  }
  const pairRtt = num(selectedPair(entries)?.currentRoundTripTime);
  const rttSeconds = pairRtt ?? remoteRtt;
  counters.rttMs = rttSeconds === null ? null : Math.round(rttSeconds * 1000);
  return counters;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Rates over the interval between two reports (the first report alone gives what it can). */
export function computeMetrics(prev: StatsCounters | null, cur: StatsCounters): PeerMetrics {
  const dt = prev ? cur.timestamp - prev.timestamp : 0;
  const valid = prev !== null && dt > 0 && cur.bytesReceived >= prev.bytesReceived;
  let bitrateKbps: number | null = null;
  let packetLossPct: number | null = null;
  let frameRate = cur.cameraFramesPerSecond;
  if (valid) {
    bitrateKbps = round1(((cur.bytesReceived - prev.bytesReceived) * 8) / dt);
    const received = cur.packetsReceived - prev.packetsReceived;
    const lost = Math.max(0, cur.packetsLost - prev.packetsLost);
    packetLossPct = received + lost > 0 ? round1((lost / (received + lost)) * 100) : null;
    if (
      frameRate === null &&
      cur.cameraFramesDecoded !== null &&
      prev.cameraFramesDecoded !== null
    ) {
      frameRate = round1(((cur.cameraFramesDecoded - prev.cameraFramesDecoded) * 1000) / dt);
    }
  }
  return {
    rttMs: cur.rttMs,
    packetLossPct,
    bitrateKbps,
    frameRate,
    width: cur.cameraWidth,
    height: cur.cameraHeight,
  };
}

export function summarizeInbound(report: Iterable<StatsEntry>, roles: RoleOfMid): InboundSummary {
  const entries = [...report];
  const summary: InboundSummary = {
    cameraFramesDecoded: 0,
    screenFramesDecoded: 0,
    audioSamplesReceived: 0,
    localCandidateType: null,
    remoteCandidateType: null,
    localCandidates: entries.filter((e) => e.type === 'local-candidate').length,
    framesEncoded: 0,
  };
  for (const e of entries) {
    if (e.type === 'outbound-rtp') summary.framesEncoded += num(e.framesEncoded) ?? 0;
    if (e.type !== 'inbound-rtp') continue;
    const role = roleOf(e, roles);
    if (role === 'audio') summary.audioSamplesReceived += num(e.totalSamplesReceived) ?? 0;
    else if (role === 'camera') summary.cameraFramesDecoded += num(e.framesDecoded) ?? 0;
    else if (role === 'screen') summary.screenFramesDecoded += num(e.framesDecoded) ?? 0;
  }
  const pair = selectedPair(entries);
  if (pair) {
    const byId = new Map(entries.map((e) => [e.id, e]));
    summary.localCandidateType =
      str(byId.get(str(pair.localCandidateId) ?? '')?.candidateType) ?? null;
    summary.remoteCandidateType =
      str(byId.get(str(pair.remoteCandidateId) ?? '')?.candidateType) ?? null;
  }
  return summary;
}

/** An RTCStatsReport as plain entries. */
export function reportEntries(report: RTCStatsReport): StatsEntry[] {
  const out: StatsEntry[] = [];
  report.forEach((value: StatsEntry) => out.push(value));
  return out;
}
