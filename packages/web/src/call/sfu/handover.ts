import type { CallMedia } from '@minimeet/contract';
import { summarizeInbound } from '../stats';
import type {
  MediaTransport,
  RemoteMedia,
  ReceiveView,
  TransportContext,
  TransportFactory,
} from '../transport';

export interface HandoverOptions {
  /** How often peers still on the mesh are checked for media through the SFU. */
  pollMs?: number;
  /** The mesh closes after this long even if some peer's SFU media never came. */
  timeoutMs?: number;
  /** A peer that sends audio but no video through the SFU moves after this long. */
  audioOnlyMs?: number;
}

export interface SwitchingTransport extends MediaTransport {
  media: () => CallMedia;
  /** The call moved to the SFU: start it beside the mesh and move peers over one by one. */
  moveToSfu: () => void;
}

type Source = 'mesh' | 'sfu';

interface PeerSide {
  media: RemoteMedia | null;
  state: RTCPeerConnectionState | null;
}

/**
 * The call's transport, switching from mesh to SFU make-before-break: while the SFU connection
 * comes up each peer keeps showing its mesh media; a peer moves to the SFU once video (or, for a
 * peer without video, audio) from it was decoded through the SFU, and then its mesh link closes.
 * The mesh closes when every peer moved, or after `timeoutMs`.
 */
export function createSwitchingTransport(
  ctx: TransportContext,
  create: TransportFactory,
  options: HandoverOptions = {},
): SwitchingTransport {
  let media: CallMedia = ctx.media;
  let mesh: MediaTransport | null = null;
  let sfu: MediaTransport | null = null;
  const peers = new Set<string>();
  /** Peers whose media comes from the SFU while the mesh is still open. */
  const moved = new Set<string>();
  const sides: Record<Source, Map<string, PeerSide>> = { mesh: new Map(), sfu: new Map() };
  const audioSince = new Map<string, number>();
  let view: ReceiveView = new Map();
  /** What we send now (a transport built later starts with these, not the ones of the join). */
  let local = ctx.local;
  let screen: MediaStreamTrack | null = null;
  let poll: ReturnType<typeof setInterval> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let checking = false;
  let closed = false;

  const sourceOf = (peerId: string): Source =>
    mesh === null || moved.has(peerId) ? 'sfu' : 'mesh';
  const current = (peerId: string): MediaTransport | null =>
    sourceOf(peerId) === 'sfu' ? sfu : mesh;

  function side(source: Source, peerId: string): PeerSide {
    let s = sides[source].get(peerId);
    if (!s) sides[source].set(peerId, (s = { media: null, state: null }));
    return s;
  }

  /** Forwards a peer's media and state from the source it now uses. */
  function show(peerId: string): void {
    const s = sides[sourceOf(peerId)].get(peerId);
    if (!s) return;
    if (s.media) ctx.events.onRemoteMedia(peerId, s.media);
    if (s.state) ctx.events.onConnectionState(peerId, s.state);
  }

  function build(kind: Source): MediaTransport {
    const transport = create({
      ...ctx,
      media: kind,
      local,
      events: {
        onRemoteMedia: (peerId, m) => {
          side(kind, peerId).media = m;
          if (sourceOf(peerId) === kind) ctx.events.onRemoteMedia(peerId, m);
        },
        onConnectionState: (peerId, state) => {
          side(kind, peerId).state = state;
          if (sourceOf(peerId) === kind) ctx.events.onConnectionState(peerId, state);
        },
        onTalking: ctx.events.onTalking,
        onReconnecting: ctx.events.onReconnecting,
      },
    });
    if (screen) transport.setScreenTrack(screen);
    return transport;
  }

  function closeMesh(): void {
    clearInterval(poll);
    clearTimeout(deadline);
    const old = mesh;
    mesh = null;
    old?.close();
    moved.clear();
    sides.mesh.clear();
    for (const peerId of peers) show(peerId);
  }

  function move(peerId: string): void {
    moved.add(peerId);
    mesh?.removePeer(peerId);
    sides.mesh.delete(peerId);
    show(peerId);
  }

  async function check(): Promise<void> {
    if (checking || !sfu || !mesh) return;
    checking = true;
    try {
      const now = Date.now();
      for (const peerId of [...peers]) {
        if (moved.has(peerId) || !sfu || !mesh) continue;
        const stats = await sfu.getStats(peerId);
        if (!stats) continue;
        const s = summarizeInbound(stats.entries, stats.roleOfMid);
        if (s.audioSamplesReceived > 0 && !audioSince.has(peerId)) audioSince.set(peerId, now);
        const audioOnly = now - (audioSince.get(peerId) ?? now) >= (options.audioOnlyMs ?? 3000);
        if (s.cameraFramesDecoded > 0 || audioOnly) move(peerId);
      }
      if (mesh && [...peers].every((p) => moved.has(p))) closeMesh();
    } finally {
      checking = false;
    }
  }

  function startSfu(): void {
    sfu = build('sfu');
    sfu.setReceiveView(view);
    for (const peerId of peers) sfu.addPeer(peerId);
  }

  if (media === 'sfu') startSfu();
  else mesh = build('mesh');

  return {
    media: () => media,
    moveToSfu: () => {
      if (closed || media === 'sfu') return;
      media = 'sfu';
      startSfu();
      poll = setInterval(() => void check(), options.pollMs ?? 200);
      deadline = setTimeout(closeMesh, options.timeoutMs ?? 10_000);
    },
    addPeer: (peerId) => {
      if (closed || peers.has(peerId)) return;
      peers.add(peerId);
      if (sfu) {
        // Newcomers after the move only use the SFU.
        if (mesh) moved.add(peerId);
        sfu.addPeer(peerId);
      } else {
        mesh?.addPeer(peerId);
      }
    },
    removePeer: (peerId) => {
      peers.delete(peerId);
      moved.delete(peerId);
      audioSince.delete(peerId);
      sides.mesh.delete(peerId);
      sides.sfu.delete(peerId);
      mesh?.removePeer(peerId);
      sfu?.removePeer(peerId);
    },
    setLocalTracks: (tracks) => {
      local = tracks;
      mesh?.setLocalTracks(tracks);
      sfu?.setLocalTracks(tracks);
    },
    setScreenTrack: (track) => {
      screen = track;
      mesh?.setScreenTrack(track);
      sfu?.setScreenTrack(track);
    },
    setReceiveView: (next) => {
      view = next;
      sfu?.setReceiveView(next);
    },
    getStats: (peerId) => current(peerId)?.getStats(peerId) ?? Promise.resolve(null),
    outboundStats: async () => {
      const all = await Promise.all(
        [mesh, sfu].map((t) => (t ? t.outboundStats() : Promise.resolve([]))),
      );
      return all.flat();
    },
    getAudioLevel: (peerId) => current(peerId)?.getAudioLevel(peerId) ?? null,
    close: () => {
      closed = true;
      clearInterval(poll);
      clearTimeout(deadline);
      mesh?.close();
      sfu?.close();
      mesh = null;
      sfu = null;
    },
  };
}
