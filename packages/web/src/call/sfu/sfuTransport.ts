import { reportEntries } from '../stats';
import type {
  LocalTracks,
  MediaTransport,
  PeerStats,
  ReceiveView,
  TransportContext,
} from '../transport';
import { SfuGeneration } from './sfuGeneration';
import { audioMidOf, type PeerTracks, rolesOfPeer, tracksKey } from './streams';

export interface SfuTimings {
  /** How long `disconnected` may last before the SFU connections are set up again. */
  disconnectedGraceMs?: number;
  /** First wait before retrying a failed join/publish; grows with each attempt, capped. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** ICE candidate errors kept for the quality report. */
const MAX_ICE_ERRORS = 20;

/**
 * The SFU transport: this page publishes once (microphone, camera with simulcast, screen) and
 * receives everyone else on one subscriber connection that the server renegotiates. The server
 * relays every step to Janus; the browser never speaks the Janus API. One `SfuGeneration` holds
 * the two connections of the current join; this module restarts it and speaks for the engine.
 */
export function createSfuTransport(
  ctx: TransportContext,
  timings: SfuTimings = {},
): MediaTransport {
  const { roomId, request } = ctx;
  const peers = new Set<string>();
  /** What each peer was last told it shows (tracks key), to emit only real changes. */
  const shown = new Map<string, string>();
  const iceErrorCodes: number[] = [];
  let local: LocalTracks = ctx.local;
  let screen: MediaStreamTrack | null = null;
  let view: ReceiveView = new Map();
  let closed = false;
  /** The current join; null once closed, so `gen === g` also says the transport is open. */
  let gen: SfuGeneration | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnecting = false;
  let subscriberState: RTCPeerConnectionState = 'new';

  function setReconnecting(on: boolean): void {
    if (reconnecting === on) return;
    reconnecting = on;
    ctx.events.onReconnecting(on);
  }

  /** Tells the engine about every peer whose set of received tracks changed. */
  function refreshMedia(): void {
    const byPeer = gen?.tracksByPeer() ?? new Map<string, PeerTracks>();
    for (const peerId of peers) {
      const tracks = byPeer.get(peerId);
      const key = tracksKey(tracks);
      if ((shown.get(peerId) ?? '') === key) continue;
      shown.set(peerId, key);
      ctx.events.onRemoteMedia(peerId, {
        camera: tracks && tracks.camera.length > 0 ? new MediaStream(tracks.camera) : null,
        screen: tracks?.screen ? new MediaStream([tracks.screen]) : null,
      });
    }
  }

  const host = {
    roomId,
    request,
    config: {
      iceServers: ctx.iceServers,
      iceTransportPolicy: ctx.iceTransportPolicy,
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    } satisfies RTCConfiguration,
    video: ctx.video,
    disconnectedGraceMs: timings.disconnectedGraceMs ?? 5000,
    tracks: () => ({ local, screen }),
    view: () => view,
    cameraStream: new MediaStream(),
    screenStream: new MediaStream(),
    broken: () => restart(),
    connected: (both: boolean) => {
      failures = 0;
      if (both) setReconnecting(false);
    },
    subscriberState: (state: RTCPeerConnectionState) => {
      subscriberState = state;
      for (const peerId of peers) ctx.events.onConnectionState(peerId, state);
    },
    mediaChanged: refreshMedia,
    iceError: (code: number) => {
      if (iceErrorCodes.length < MAX_ICE_ERRORS) iceErrorCodes.push(code);
    },
  };

  function start(): void {
    if (closed) return;
    clearTimeout(retryTimer);
    gen?.drop();
    const g = new SfuGeneration(host);
    gen = g;
    g.join().catch(() => {
      if (gen !== g) return;
      failures += 1;
      const wait = Math.min((timings.retryMs ?? 1000) * failures, timings.maxRetryMs ?? 8000);
      retryTimer = setTimeout(start, wait);
    });
  }

  /** The SFU lost our media, or a connection failed: set both connections up again. */
  function restart(): void {
    if (closed) return;
    setReconnecting(true);
    subscriberState = 'connecting';
    for (const peerId of peers) ctx.events.onConnectionState(peerId, 'connecting');
    start();
  }

  const offs = [
    ctx.on('sfuOffer', (e) => {
      if (e.roomId === roomId) gen?.offer(e);
    }),
    ctx.on('sfuRestart', (e) => {
      if (e.roomId === roomId) restart();
    }),
    ctx.on('sfuTalking', (e) => {
      if (e.roomId === roomId && peers.has(e.peerId)) ctx.events.onTalking(e.peerId, e.talking);
    }),
  ];

  start();

  return {
    addPeer: (peerId) => {
      if (closed || peerId === ctx.selfPeerId || peers.has(peerId)) return;
      peers.add(peerId);
      ctx.events.onConnectionState(peerId, subscriberState);
      refreshMedia();
    },
    removePeer: (peerId) => {
      peers.delete(peerId);
      shown.delete(peerId);
    },
    setLocalTracks: (tracks) => {
      local = tracks;
      gen?.replaceTracks(tracks);
    },
    setScreenTrack: (track) => {
      screen = track;
      const g = gen;
      g?.shareScreen(track).catch(() => {
        if (gen === g) restart();
      });
    },
    setReceiveView: (next) => {
      view = next;
      gen?.configure();
    },
    getStats: async (peerId) => {
      const g = gen;
      const pc = g?.subscriber;
      if (!g || !pc) return null;
      const roles = rolesOfPeer(g.streams, peerId);
      const entries = reportEntries(await pc.getStats()).filter(
        (e) =>
          e.type !== 'outbound-rtp' &&
          (e.type !== 'inbound-rtp' || (typeof e.mid === 'string' && roles.has(e.mid))),
      );
      const stats: PeerStats = {
        entries,
        roleOfMid: (mid) => (mid === undefined ? undefined : roles.get(mid)),
        gathering: pc.iceGatheringState,
        iceErrorCodes: [...iceErrorCodes],
      };
      return stats;
    },
    outboundStats: async () => {
      const pc = gen?.publisher;
      if (!pc) return [];
      return reportEntries(await pc.getStats()).filter((e) => e.type === 'outbound-rtp');
    },
    getAudioLevel: (peerId) => {
      const g = gen;
      const mid = g ? audioMidOf(g.streams, peerId) : null;
      if (!g || mid === null) return null;
      const tx = g.subscriber?.getTransceivers().find((t) => t.mid === mid);
      const sources = tx?.receiver.getSynchronizationSources() ?? [];
      return sources.length === 0 ? null : Math.max(...sources.map((s) => s.audioLevel ?? 0));
    },
    close: () => {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      for (const off of offs) off();
      gen?.drop();
      gen = null;
    },
  };
}
