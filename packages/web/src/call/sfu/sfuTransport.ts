import type { IceCandidateInit, SfuOfferEvent, SfuStream, SfuTarget } from '@minimeet/contract';
import { reportEntries } from '../stats';
import type {
  LocalTracks,
  MediaTransport,
  PeerStats,
  ReceiveView,
  TransportContext,
} from '../transport';
import { Trickle, toCandidate, toDescription } from './signalling';
import { cameraEncodings, cameraSize, preferVp8 } from './simulcast';
import {
  audioMidOf,
  changedSettings,
  type PeerTracks,
  rolesOfPeer,
  streamSettings,
  tracksByPeer,
  tracksKey,
} from './streams';

export interface SfuTimings {
  /** How long `disconnected` may last before the SFU connections are set up again. */
  disconnectedGraceMs?: number;
  /** First wait before retrying a failed join/publish; grows with each attempt, capped. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** One join of the SFU: a publisher and a subscriber connection, thrown away on a restart. */
interface Generation {
  publisher: RTCPeerConnection | null;
  audioTx: RTCRtpTransceiver | null;
  cameraTx: RTCRtpTransceiver | null;
  screenTx: RTCRtpTransceiver | null;
  publishing: Promise<void>;
  subscriber: RTCPeerConnection | null;
  offers: Promise<void>;
  lastVersion: number;
  streams: SfuStream[];
  sentSettings: Map<string, string>;
  publisherTrickle: Trickle | null;
  subscriberTrickle: Trickle | null;
  watchdog: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The SFU transport: this page publishes once (microphone, camera with simulcast, screen) and
 * receives everyone else on one subscriber connection that the server renegotiates. The server
 * relays every step to Janus; the browser never speaks the Janus API.
 */
export function createSfuTransport(
  ctx: TransportContext,
  timings: SfuTimings = {},
): MediaTransport {
  const { roomId, request } = ctx;
  const config: RTCConfiguration = {
    iceServers: ctx.iceServers,
    iceTransportPolicy: ctx.iceTransportPolicy,
    bundlePolicy: 'max-bundle',
    rtcpMuxPolicy: 'require',
  };
  const peers = new Set<string>();
  /** What each peer was last told it shows (tracks key), to emit only real changes. */
  const shown = new Map<string, string>();
  const iceErrorCodes: number[] = [];
  let local: LocalTracks = ctx.local;
  let screen: MediaStreamTrack | null = null;
  let view: ReceiveView = new Map();
  let closed = false;
  let gen: Generation | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnecting = false;
  let subscriberState: RTCPeerConnectionState = 'new';

  const cameraStream = new MediaStream();
  const screenStream = new MediaStream();
  const live = (g: Generation) => !closed && gen === g;

  function setReconnecting(on: boolean): void {
    if (reconnecting === on) return;
    reconnecting = on;
    ctx.events.onReconnecting(on);
  }

  function sendCandidate(target: SfuTarget, candidate: IceCandidateInit | null): void {
    request('sfuCandidate', { roomId, target, candidate }).catch(() => undefined);
  }

  function watch(
    g: Generation,
    pc: RTCPeerConnection,
    onState?: (s: RTCPeerConnectionState) => void,
  ) {
    pc.onicecandidateerror = (e) => {
      if (iceErrorCodes.length < 20) iceErrorCodes.push(e.errorCode);
    };
    pc.onconnectionstatechange = () => {
      if (!live(g)) return;
      const state = pc.connectionState;
      onState?.(state);
      if (state === 'connected') {
        clearTimeout(g.watchdog);
        failures = 0;
        const others = [g.publisher, g.subscriber].filter((p) => p && p !== pc);
        if (others.every((p) => p?.connectionState === 'connected')) setReconnecting(false);
      } else if (state === 'failed') {
        restart();
      } else if (state === 'disconnected') {
        clearTimeout(g.watchdog);
        g.watchdog = setTimeout(() => {
          if (live(g) && pc.connectionState !== 'connected') restart();
        }, timings.disconnectedGraceMs ?? 5000);
      }
    };
  }

  // ---- publisher ----

  function createPublisher(g: Generation): void {
    const pc = new RTCPeerConnection(config);
    g.publisher = pc;
    const trickle = new Trickle((c) => sendCandidate('publisher', c));
    g.publisherTrickle = trickle;
    pc.onicecandidate = (e) => {
      if (live(g)) trickle.push(e.candidate?.candidate ? toCandidate(e.candidate) : null);
    };
    watch(g, pc);
    const streams = [cameraStream];
    g.audioTx = pc.addTransceiver(local.audio ?? 'audio', { direction: 'sendonly', streams });
    const sendEncodings = cameraEncodings(cameraSize(local.video, ctx.video));
    g.cameraTx = pc.addTransceiver(local.video ?? 'video', {
      direction: 'sendonly',
      streams,
      ...(sendEncodings ? { sendEncodings } : {}),
    });
    preferVp8(g.cameraTx);
    if (screen) attachScreen(g, screen);
  }

  function attachScreen(g: Generation, track: MediaStreamTrack | null): void {
    const pc = g.publisher;
    if (!pc) return;
    if (!track) {
      if (g.screenTx && g.screenTx.direction !== 'inactive') {
        void g.screenTx.sender.replaceTrack(null);
        g.screenTx.direction = 'inactive';
      }
      return;
    }
    if (g.screenTx) {
      void g.screenTx.sender.replaceTrack(track);
      g.screenTx.direction = 'sendonly';
    } else {
      g.screenTx = pc.addTransceiver(track, { direction: 'sendonly', streams: [screenStream] });
      preferVp8(g.screenTx);
    }
  }

  /** Offers what the publisher sends now; one negotiation at a time. */
  function publish(g: Generation): Promise<void> {
    g.publishing = g.publishing.then(async () => {
      const pc = g.publisher;
      if (!pc || !live(g)) return;
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      const tx = g.screenTx;
      const screenMid = tx && tx.direction === 'sendonly' ? tx.mid : null;
      const { answer } = await request(
        'sfuPublish',
        { roomId, offer: toDescription(pc.localDescription), screenMid },
        15_000,
      );
      if (!live(g)) return;
      await pc.setRemoteDescription(answer);
      g.publisherTrickle?.open();
    });
    return g.publishing;
  }

  // ---- subscriber ----

  function createSubscriber(g: Generation): RTCPeerConnection {
    const pc = new RTCPeerConnection(config);
    g.subscriber = pc;
    const trickle = new Trickle((c) => sendCandidate('subscriber', c));
    g.subscriberTrickle = trickle;
    pc.onicecandidate = (e) => {
      if (live(g)) trickle.push(e.candidate?.candidate ? toCandidate(e.candidate) : null);
    };
    pc.ontrack = () => {
      if (live(g)) refreshMedia();
    };
    watch(g, pc, (state) => {
      subscriberState = state;
      for (const peerId of peers) ctx.events.onConnectionState(peerId, state);
    });
    return pc;
  }

  async function applyOffer(g: Generation, event: SfuOfferEvent): Promise<void> {
    if (!live(g)) return;
    // Version 1 is a new subscription on the server (it joined again): start a new connection.
    const fresh = event.version === 1 && g.lastVersion >= 1;
    if (event.version <= g.lastVersion && !fresh) return;
    g.lastVersion = event.version;
    if (fresh && g.subscriber) {
      closePc(g.subscriber);
      g.subscriber = null;
      g.sentSettings.clear();
    }
    const pc = g.subscriber ?? createSubscriber(g);
    await pc.setRemoteDescription(event.offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    if (!live(g)) return;
    g.streams = event.streams;
    await request('sfuAnswer', { roomId, answer: toDescription(pc.localDescription) });
    if (!live(g)) return;
    g.subscriberTrickle?.open();
    refreshMedia();
    configure();
  }

  function trackOfMid(g: Generation): (mid: string) => MediaStreamTrack | null {
    const byMid = new Map<string, RTCRtpTransceiver>();
    for (const tx of g.subscriber?.getTransceivers() ?? []) if (tx.mid) byMid.set(tx.mid, tx);
    return (mid) => byMid.get(mid)?.receiver.track ?? null;
  }

  /** Tells the engine about every peer whose set of received tracks changed. */
  function refreshMedia(): void {
    const g = gen;
    const byPeer = g ? tracksByPeer(g.streams, trackOfMid(g)) : new Map<string, PeerTracks>();
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

  function configure(): void {
    const g = gen;
    if (!g || !g.subscriber) return;
    const changed = changedSettings(streamSettings(g.streams, view), g.sentSettings);
    if (changed.length === 0) return;
    request('sfuConfigure', { roomId, streams: changed }).catch(() => {
      // Sent again with the next change or offer.
      for (const s of changed) g.sentSettings.delete(s.mid);
    });
  }

  // ---- lifecycle ----

  function dropGeneration(): void {
    const g = gen;
    gen = null;
    if (!g) return;
    clearTimeout(g.watchdog);
    for (const pc of [g.publisher, g.subscriber]) if (pc) closePc(pc);
  }

  function closePc(pc: RTCPeerConnection): void {
    pc.onicecandidate = null;
    pc.ontrack = null;
    pc.onconnectionstatechange = null;
    pc.onicecandidateerror = null;
    pc.close();
  }

  function start(): void {
    if (closed) return;
    clearTimeout(retryTimer);
    dropGeneration();
    const g: Generation = {
      publisher: null,
      audioTx: null,
      cameraTx: null,
      screenTx: null,
      publishing: Promise.resolve(),
      subscriber: null,
      offers: Promise.resolve(),
      lastVersion: -1,
      streams: [],
      sentSettings: new Map(),
      publisherTrickle: null,
      subscriberTrickle: null,
      watchdog: undefined,
    };
    gen = g;
    const run = async () => {
      await request('sfuJoin', { roomId }, 15_000);
      if (!live(g)) return;
      createPublisher(g);
      await publish(g);
    };
    run().catch(() => {
      if (!live(g)) return;
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
      const g = gen;
      if (e.roomId !== roomId || !g || closed) return;
      g.offers = g.offers
        .then(() => applyOffer(g, e))
        .catch(() => {
          if (live(g)) restart();
        });
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
      if (!gen) return;
      void gen.audioTx?.sender.replaceTrack(tracks.audio).catch(() => undefined);
      void gen.cameraTx?.sender.replaceTrack(tracks.video).catch(() => undefined);
    },
    setScreenTrack: (track) => {
      screen = track;
      const g = gen;
      if (!g?.publisher) return;
      attachScreen(g, track);
      publish(g).catch(() => {
        if (live(g)) restart();
      });
    },
    setReceiveView: (next) => {
      view = next;
      configure();
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
      dropGeneration();
    },
  };
}
