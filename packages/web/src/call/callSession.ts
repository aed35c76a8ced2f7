import type {
  CallMedia,
  CallPeer,
  CallStatsSample,
  JoinCallResult,
  MediaStateEvent,
} from '@minimeet/contract';
import type { Connection } from '../lib/socket';
import {
  nextActiveSpeaker,
  patchPeer,
  peerView,
  removePeer,
  upsertPeer,
  type CallSnapshot,
} from './callState';
import { rateQuality } from './quality';
import {
  computeMetrics,
  extractCounters,
  summarizeInbound,
  type InboundSummary,
  type StatsCounters,
  type StatsEntry,
} from './stats';
import { createSwitchingTransport, type SwitchingTransport } from './sfu/handover';
import type { LocalTracks, ReceiveView, SignalMessage, TransportFactory } from './transport';

export interface SessionDeps {
  roomId: string;
  result: JoinCallResult;
  selfUserId: string | null;
  request: Connection['request'];
  on: Connection['on'];
  /** The camera size asked for (the SFU transport decides simulcast with it). */
  video: { width: number; height: number };
  iceTransportPolicy: RTCIceTransportPolicy;
  local: LocalTracks;
  screen: MediaStreamTrack | null;
  createTransport: TransportFactory;
  update: (fn: (s: CallSnapshot) => CallSnapshot) => void;
  getSnapshot: () => CallSnapshot;
  /** Level of our own microphone 0..1 (0 while muted). */
  localLevel: () => number;
  statsIntervalMs?: number;
  levelIntervalMs?: number;
}

export interface PeerInbound extends InboundSummary {
  peerId: string;
  username: string;
  connection: RTCPeerConnectionState;
  gathering: RTCIceGatheringState | null;
  iceErrorCodes: readonly number[];
}

const SPEAKING_LEVEL = 0.04;
const SPEAKING_HOLD_MS = 700;

/** One stay in a call (one joinCall ack): the transport, the peer list, stats and levels. */
export class CallSession {
  readonly selfPeerId: string;
  readonly callId: string;
  private readonly deps: SessionDeps;
  private readonly transport: SwitchingTransport;
  /** The SFU's voice activity per peer (replaces our level measurement for those peers). */
  private readonly talking = new Map<string, boolean>();
  private readonly handlers = new Set<(from: string, message: SignalMessage) => void>();
  private readonly counters = new Map<string, StatsCounters>();
  private readonly loudAt = new Map<string, number>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private sampling = false;
  private closed = false;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    const { result } = deps;
    this.selfPeerId = result.peerId;
    this.callId = result.callId;
    this.transport = createSwitchingTransport(
      {
        roomId: deps.roomId,
        media: result.media,
        request: deps.request,
        on: deps.on,
        video: deps.video,
        selfPeerId: result.peerId,
        iceServers: result.iceServers,
        iceTransportPolicy: deps.iceTransportPolicy,
        local: deps.local,
        signal: {
          send: (to, message) => this.send(to, message),
          subscribe: (handler) => {
            this.handlers.add(handler);
            return () => this.handlers.delete(handler);
          },
        },
        events: {
          onRemoteMedia: (peerId, media) =>
            this.patch(peerId, { camera: media.camera, screen: media.screen }),
          onConnectionState: (peerId, connection) => this.patch(peerId, { connection }),
          onTalking: (peerId, talking) => {
            this.talking.set(peerId, talking);
            this.sampleLevels();
          },
          onReconnecting: (mediaReconnecting) => {
            if (!this.closed) deps.update((s) => ({ ...s, mediaReconnecting }));
          },
        },
      },
      deps.createTransport,
    );
    if (deps.screen) this.transport.setScreenTrack(deps.screen);
    const peers = result.peers.filter((p) => this.isOther(p)).map(peerView);
    deps.update((s) => ({
      ...s,
      callId: result.callId,
      selfPeerId: result.peerId,
      peers,
      media: result.media,
      mediaReconnecting: false,
      activeSpeakerId: null,
    }));
    for (const p of peers) this.transport.addPeer(p.peerId);
    this.timers.push(setInterval(() => void this.sampleStats(), deps.statsIntervalMs ?? 2000));
    this.timers.push(setInterval(() => this.sampleLevels(), deps.levelIntervalMs ?? 250));
  }

  /** A relayed webrtc-offer / webrtc-answer / ice-candidate addressed to this session. */
  deliver(from: string, to: string, message: SignalMessage): void {
    if (this.closed || to !== this.selfPeerId) return;
    for (const handler of [...this.handlers]) handler(from, message);
  }

  peerJoined(peer: CallPeer): void {
    if (this.closed || !this.isOther(peer)) return;
    // The same peerId announced again is a fresh session of that peer: start over with it.
    this.transport.removePeer(peer.peerId);
    this.counters.delete(peer.peerId);
    this.deps.update((s) => ({ ...s, peers: upsertPeer(s.peers, peerView(peer)) }));
    this.transport.addPeer(peer.peerId);
  }

  peerLeft(peerId: string): void {
    this.transport.removePeer(peerId);
    this.counters.delete(peerId);
    this.loudAt.delete(peerId);
    this.talking.delete(peerId);
    this.deps.update((s) => ({ ...s, peers: removePeer(s.peers, peerId) }));
  }

  mediaState(event: MediaStateEvent): void {
    this.patch(event.peerId, {
      media: { audio: event.audio, video: event.video, screen: event.screen },
    });
  }

  /** The call moved to another transport (only mesh -> SFU exists; a call never moves back). */
  mediaChanged(media: CallMedia): void {
    if (this.closed || media !== 'sfu' || this.transport.media() === 'sfu') return;
    this.transport.moveToSfu();
    this.deps.update((s) => ({ ...s, media }));
  }

  /** Which remote videos the UI shows, and how large. */
  setReceiveView(view: ReceiveView): void {
    if (!this.closed) this.transport.setReceiveView(view);
  }

  /** outbound-rtp stats of everything we send (tests and diagnostics). */
  outbound(): Promise<StatsEntry[]> {
    return this.transport.outboundStats();
  }

  setLocalTracks(tracks: LocalTracks): void {
    this.transport.setLocalTracks(tracks);
  }

  setScreenTrack(track: MediaStreamTrack | null): void {
    this.transport.setScreenTrack(track);
  }

  /** Media counters per peer, for tests and diagnostics (read-only). */
  async inbound(): Promise<PeerInbound[]> {
    const peers = this.deps.getSnapshot().peers;
    return Promise.all(
      peers.map(async (p) => {
        const stats = await this.transport.getStats(p.peerId);
        const summary = summarizeInbound(
          stats?.entries ?? [],
          stats?.roleOfMid ?? (() => undefined),
        );
        return {
          peerId: p.peerId,
          username: p.username,
          connection: p.connection,
          gathering: stats?.gathering ?? null,
          iceErrorCodes: stats?.iceErrorCodes ?? [],
          ...summary,
        };
      }),
    );
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.transport.close();
  }

  private isOther(peer: CallPeer): boolean {
    return peer.peerId !== this.selfPeerId && peer.userId !== this.deps.selfUserId;
  }

  private patch(peerId: string, patch: Parameters<typeof patchPeer>[2]): void {
    if (this.closed) return;
    this.deps.update((s) => {
      const peers = patchPeer(s.peers, peerId, patch);
      return peers === s.peers ? s : { ...s, peers };
    });
  }

  private send(to: string, message: SignalMessage): void {
    const { roomId, request } = this.deps;
    const sent =
      message.kind === 'candidate'
        ? request('ice-candidate', { roomId, to, candidate: message.candidate })
        : request(message.description.type === 'offer' ? 'webrtc-offer' : 'webrtc-answer', {
            roomId,
            to,
            sdp: message.description,
          });
    // A lost signal is repaired by the ICE restart or the rejoin that follows a real problem.
    sent.catch(() => undefined);
  }

  private async sampleStats(): Promise<void> {
    if (this.sampling || this.closed) return;
    this.sampling = true;
    try {
      const samples: CallStatsSample[] = [];
      for (const peer of this.deps.getSnapshot().peers) {
        const stats = await this.transport.getStats(peer.peerId);
        if (!stats || this.closed) continue;
        const counters = extractCounters(stats.entries, stats.roleOfMid);
        const metrics = computeMetrics(this.counters.get(peer.peerId) ?? null, counters);
        this.counters.set(peer.peerId, counters);
        const quality =
          peer.connection === 'failed'
            ? 'poor'
            : rateQuality(metrics, { expectVideo: peer.media.video });
        this.patch(peer.peerId, { metrics, quality });
        if (peer.connection === 'connected') samples.push({ peerId: peer.peerId, ...metrics });
      }
      if (samples.length > 0 && !this.closed) {
        this.deps
          .request('callStats', { roomId: this.deps.roomId, samples })
          .catch(() => undefined);
      }
    } finally {
      this.sampling = false;
    }
  }

  private sampleLevels(): void {
    if (this.closed) return;
    const now = Date.now();
    const speaking = (key: string, level: number): boolean => {
      if (level >= SPEAKING_LEVEL) this.loudAt.set(key, now);
      return now - (this.loudAt.get(key) ?? -Infinity) < SPEAKING_HOLD_MS;
    };
    const selfSpeaking = speaking('', this.deps.localLevel());
    this.deps.update((s) => {
      let peers = s.peers;
      for (const p of s.peers) {
        const level = p.media.audio ? (this.transport.getAudioLevel(p.peerId) ?? 0) : 0;
        const measured = speaking(p.peerId, level);
        const talking = this.talking.get(p.peerId);
        peers = patchPeer(peers, p.peerId, {
          speaking: talking === undefined ? measured : talking && p.media.audio,
        });
      }
      const activeSpeakerId = nextActiveSpeaker(s.activeSpeakerId, peers);
      return peers === s.peers &&
        selfSpeaking === s.selfSpeaking &&
        activeSpeakerId === s.activeSpeakerId
        ? s
        : { ...s, peers, selfSpeaking, activeSpeakerId };
    });
  }
}
