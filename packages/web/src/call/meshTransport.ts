import { isPolite } from './polite';
import { PeerLink } from './peerLink';
import { sdpFingerprint } from './trackRoles';
import type { LocalTracks, MediaTransport, SignalMessage, TransportContext } from './transport';

interface Entry {
  link: PeerLink;
  /** Signals of one peer are applied one after the other. */
  queue: Promise<void>;
}

/** Full mesh: one PeerLink per remote participant, signalled through the server. */
export function createMeshTransport(ctx: TransportContext): MediaTransport {
  const entries = new Map<string, Entry>();
  let local: LocalTracks = ctx.local;
  let screen: MediaStreamTrack | null = null;
  let closed = false;
  const config: RTCConfiguration = {
    iceServers: ctx.iceServers,
    iceTransportPolicy: ctx.iceTransportPolicy,
    bundlePolicy: 'max-bundle',
    rtcpMuxPolicy: 'require',
  };

  function create(peerId: string): Entry {
    const entry: Entry = {
      queue: Promise.resolve(),
      link: new PeerLink({
        peerId,
        polite: isPolite(ctx.selfPeerId, peerId),
        config,
        send: (message) => ctx.signal.send(peerId, message),
        local: () => ({ ...local, screen }),
        onMedia: (media) => {
          if (entries.get(peerId) === entry) ctx.events.onRemoteMedia(peerId, media);
        },
        onState: (state) => {
          if (entries.get(peerId) === entry) ctx.events.onConnectionState(peerId, state);
        },
      }),
    };
    entries.set(peerId, entry);
    return entry;
  }

  function remove(peerId: string): void {
    entries.get(peerId)?.link.close();
    entries.delete(peerId);
  }

  function receive(from: string, message: SignalMessage): void {
    if (closed || from === ctx.selfPeerId) return;
    let entry = entries.get(from);
    if (message.kind === 'description' && message.description.type === 'offer') {
      // An offer from a new session of the same peer (its page restarted): start over.
      const fingerprint = sdpFingerprint(message.description.sdp);
      const known = entry?.link.remoteFingerprint;
      if (entry && known && fingerprint && known !== fingerprint) {
        remove(from);
        entry = undefined;
      }
      // Offers can overtake the callPeerJoined that announces their sender.
      entry ??= create(from);
    }
    if (!entry) return;
    const target = entry;
    target.queue = target.queue.then(() => target.link.handle(message)).catch(() => undefined);
  }

  const unsubscribe = ctx.signal.subscribe(receive);

  return {
    addPeer: (peerId) => {
      if (!closed && peerId !== ctx.selfPeerId && !entries.has(peerId)) create(peerId);
    },
    removePeer: remove,
    setLocalTracks: (tracks) => {
      local = tracks;
      for (const { link } of entries.values()) link.setLocalTracks(tracks);
    },
    setScreenTrack: (track) => {
      screen = track;
      for (const { link } of entries.values()) link.setScreenTrack(track);
    },
    getStats: async (peerId) => {
      const entry = entries.get(peerId);
      return entry ? entry.link.getStats() : null;
    },
    setReceiveView: () => undefined,
    outboundStats: async () => {
      const all = await Promise.all([...entries.values()].map(({ link }) => link.getStats()));
      return all.flatMap((s) => s.entries.filter((e) => e.type === 'outbound-rtp'));
    },
    getAudioLevel: (peerId) => entries.get(peerId)?.link.getAudioLevel() ?? null,
    close: () => {
      closed = true;
      unsubscribe();
      for (const peerId of [...entries.keys()]) remove(peerId);
    },
  };
}
