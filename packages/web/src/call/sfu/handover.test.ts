import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatsEntry } from '../stats';
import type { MediaTransport, RemoteMedia, TransportContext } from '../transport';
import { createSwitchingTransport } from './handover';

interface Fake extends MediaTransport {
  kind: string;
  peers: Set<string>;
  closed: boolean;
  ctx: TransportContext;
  /** Counters getStats reports per peer. */
  frames: Map<string, { video: number; audio: number }>;
  screens: (MediaStreamTrack | null)[];
}

const stream = (label: string) => ({ id: label }) as unknown as MediaStream;
const media = (label: string): RemoteMedia => ({ camera: stream(label), screen: null });

function setup(initial: 'mesh' | 'sfu' = 'mesh') {
  const built: Fake[] = [];
  const shown = new Map<string, string | undefined>();
  const states = new Map<string, RTCPeerConnectionState>();
  const ctx = {
    roomId: 'r1',
    media: initial,
    selfPeerId: 'me',
    events: {
      onRemoteMedia: (peerId: string, m: RemoteMedia) => shown.set(peerId, m.camera?.id),
      onConnectionState: (peerId: string, s: RTCPeerConnectionState) => states.set(peerId, s),
      onTalking: () => undefined,
      onReconnecting: () => undefined,
    },
  } as unknown as TransportContext;
  const transport = createSwitchingTransport(
    ctx,
    (c) => {
      const f: Fake = {
        kind: c.media,
        peers: new Set(),
        closed: false,
        ctx: c,
        frames: new Map(),
        screens: [],
        addPeer: (id) => void f.peers.add(id),
        removePeer: (id) => void f.peers.delete(id),
        setLocalTracks: () => undefined,
        setScreenTrack: (t) => void f.screens.push(t),
        setReceiveView: () => undefined,
        getStats: (id) => {
          const n = f.frames.get(id);
          const entries: StatsEntry[] = n
            ? [
                {
                  type: 'inbound-rtp',
                  id: 'v',
                  timestamp: 1,
                  kind: 'video',
                  framesDecoded: n.video,
                },
                {
                  type: 'inbound-rtp',
                  id: 'a',
                  timestamp: 1,
                  kind: 'audio',
                  totalSamplesReceived: n.audio,
                },
              ]
            : [];
          return Promise.resolve({
            entries,
            roleOfMid: () => undefined,
            gathering: 'complete',
            iceErrorCodes: [],
          });
        },
        outboundStats: () => Promise.resolve([]),
        getAudioLevel: () => (f.kind === 'sfu' ? 0.5 : 0.1),
        close: () => void (f.closed = true),
      };
      built.push(f);
      return f;
    },
    { pollMs: 100, timeoutMs: 10_000, audioOnlyMs: 3000 },
  );
  const [mesh] = built;
  return { transport, built, mesh: mesh as Fake, shown, states };
}

afterEach(() => vi.useRealTimers());

describe('switching from mesh to SFU', () => {
  it('keeps each peer on the mesh until its video decodes through the SFU, then closes the mesh', async () => {
    vi.useFakeTimers();
    const { transport, built, mesh, shown, states } = setup();
    transport.addPeer('a');
    transport.addPeer('b');
    mesh.ctx.events.onRemoteMedia('a', media('mesh-a'));
    mesh.ctx.events.onRemoteMedia('b', media('mesh-b'));
    mesh.ctx.events.onConnectionState('a', 'connected');
    transport.moveToSfu();
    const sfu = built[1] as Fake;
    expect(sfu.kind).toBe('sfu');
    expect([...sfu.peers]).toEqual(['a', 'b']);
    // SFU tracks exist but nothing decoded yet: the mesh media stays on screen.
    sfu.ctx.events.onRemoteMedia('a', media('sfu-a'));
    sfu.ctx.events.onConnectionState('a', 'connecting');
    expect(shown.get('a')).toBe('mesh-a');
    expect(states.get('a')).toBe('connected');
    expect(transport.getAudioLevel('a')).toBe(0.1);

    sfu.frames.set('a', { video: 3, audio: 100 });
    await vi.advanceTimersByTimeAsync(150);
    expect(shown.get('a')).toBe('sfu-a');
    expect(states.get('a')).toBe('connecting');
    expect(mesh.peers.has('a')).toBe(false);
    expect(mesh.peers.has('b')).toBe(true);
    expect(mesh.closed).toBe(false);
    expect(transport.getAudioLevel('a')).toBe(0.5);
    // A mesh event for a moved peer no longer reaches the UI.
    mesh.ctx.events.onRemoteMedia('a', media('mesh-a-late'));
    expect(shown.get('a')).toBe('sfu-a');

    // A newcomer after the move only uses the SFU.
    transport.addPeer('c');
    expect(sfu.peers.has('c')).toBe(true);
    expect(mesh.peers.has('c')).toBe(false);
    sfu.ctx.events.onRemoteMedia('c', media('sfu-c'));
    expect(shown.get('c')).toBe('sfu-c');

    sfu.ctx.events.onRemoteMedia('b', media('sfu-b'));
    sfu.frames.set('b', { video: 1, audio: 10 });
    await vi.advanceTimersByTimeAsync(150);
    expect(shown.get('b')).toBe('sfu-b');
    expect(mesh.closed).toBe(true);
    expect(transport.media()).toBe('sfu');
  });

  it('moves a peer without video after its SFU audio flowed a while, and gives up on the mesh after the timeout', async () => {
    vi.useFakeTimers();
    const { transport, built, mesh, shown } = setup();
    transport.addPeer('a');
    transport.addPeer('b');
    mesh.ctx.events.onRemoteMedia('b', media('mesh-b'));
    transport.moveToSfu();
    const sfu = built[1] as Fake;
    sfu.ctx.events.onRemoteMedia('a', media('sfu-a'));
    sfu.frames.set('a', { video: 0, audio: 50 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(mesh.peers.has('a')).toBe(true);
    await vi.advanceTimersByTimeAsync(2500);
    expect(mesh.peers.has('a')).toBe(false);
    expect(shown.get('a')).toBe('sfu-a');
    // b's SFU media never decodes: after 10 s the mesh closes anyway.
    sfu.ctx.events.onRemoteMedia('b', media('sfu-b'));
    expect(shown.get('b')).toBe('mesh-b');
    await vi.advanceTimersByTimeAsync(7000);
    expect(mesh.closed).toBe(true);
    expect(shown.get('b')).toBe('sfu-b');
  });

  it('starts on the SFU alone when the call already uses it, and sends tracks to both while moving', () => {
    const { transport, built } = setup('sfu');
    expect(built.map((b) => b.kind)).toEqual(['sfu']);
    transport.moveToSfu();
    expect(built).toHaveLength(1);
    transport.close();
    expect(built[0]?.closed).toBe(true);

    const two = setup();
    // The SFU starts with what we send now, not what we sent when joining.
    const cam = { id: 'cam' } as MediaStreamTrack;
    const shared = { id: 'screen' } as MediaStreamTrack;
    two.transport.setLocalTracks({ audio: null, video: cam });
    two.transport.setScreenTrack(shared);
    const calls: string[] = [];
    two.mesh.setScreenTrack = () => void calls.push('mesh');
    two.transport.moveToSfu();
    expect(two.built[1]?.ctx.local.video).toBe(cam);
    expect(two.built[1]?.screens).toEqual([shared]);
    (two.built[1] as Fake).setScreenTrack = () => void calls.push('sfu');
    two.transport.setScreenTrack(null);
    expect(calls).toEqual(['mesh', 'sfu']);
    two.transport.close();
  });
});
