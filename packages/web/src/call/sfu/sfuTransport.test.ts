import type { ServerToClientEvents, SfuOfferEvent } from '@minimeet/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../lib/socket';
import { receiveKey, type RemoteMedia, type TransportContext } from '../transport';
import { createSfuTransport } from './sfuTransport';

class FakeStream {
  readonly id = `s${Math.random()}`;
  constructor(readonly tracks: { id: string }[] = []) {}
  getTracks() {
    return this.tracks;
  }
}

class FakeTx {
  mid: string | null = null;
  currentTrack: unknown;
  readonly sender = {
    replaceTrack: vi.fn((t: unknown) => {
      this.currentTrack = t;
      return Promise.resolve();
    }),
  };
  readonly receiver: {
    track: { id: string; kind: string };
    getSynchronizationSources: () => { audioLevel: number }[];
  };
  constructor(
    readonly kind: string,
    public direction: string,
    readonly init: RTCRtpTransceiverInit = {},
    mid: string | null = null,
  ) {
    this.mid = mid;
    this.receiver = {
      track: { id: `track-${mid ?? kind}`, kind },
      getSynchronizationSources: () => [{ audioLevel: 0.3 }],
    };
  }
  setCodecPreferences() {}
}

/** Just enough RTCPeerConnection: offers list their sections as "m=<mid>:<kind>,...". */
class FakePC {
  static all: FakePC[] = [];
  readonly txs: FakeTx[] = [];
  readonly log: string[] = [];
  connectionState: RTCPeerConnectionState = 'new';
  iceGatheringState: RTCIceGatheringState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  onicecandidate: ((e: { candidate: unknown }) => void) | null = null;
  ontrack: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  onicecandidateerror: unknown = null;
  closed = false;
  constructor(readonly config: RTCConfiguration) {
    FakePC.all.push(this);
  }
  addTransceiver(track: string | { kind: string }, init: RTCRtpTransceiverInit) {
    const kind = typeof track === 'string' ? track : track.kind;
    const tx = new FakeTx(kind, init.direction ?? 'sendrecv', init);
    tx.currentTrack = typeof track === 'string' ? null : track;
    this.txs.push(tx);
    return tx;
  }
  getTransceivers() {
    return this.txs;
  }
  createOffer() {
    return Promise.resolve({
      type: 'offer',
      sdp: `offer ${this.txs.map((t) => t.direction).join(',')}`,
    });
  }
  createAnswer() {
    return Promise.resolve({ type: 'answer', sdp: 'answer' });
  }
  setLocalDescription(d: RTCSessionDescriptionInit) {
    this.localDescription = d;
    this.txs.forEach((t, i) => (t.mid ??= String(i)));
    return Promise.resolve();
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    await new Promise((ok) => setTimeout(ok, 5));
    this.log.push(`remote ${d.sdp}`);
    if (d.type !== 'offer') return;
    for (const part of (d.sdp ?? '').replace('m=', '').split(',')) {
      const [mid, kind] = part.split(':');
      if (mid && kind && !this.txs.some((t) => t.mid === mid)) {
        this.txs.push(new FakeTx(kind, 'recvonly', {}, mid));
      }
    }
    this.ontrack?.();
  }
  getStats() {
    const entries = [
      { type: 'inbound-rtp', id: 'i0', timestamp: 1, kind: 'video', mid: '0', framesDecoded: 5 },
      {
        type: 'inbound-rtp',
        id: 'i1',
        timestamp: 1,
        kind: 'audio',
        mid: '1',
        totalSamplesReceived: 9,
      },
      { type: 'inbound-rtp', id: 'i2', timestamp: 1, kind: 'video', mid: '2', framesDecoded: 7 },
      { type: 'transport', id: 't', timestamp: 1 },
    ];
    return Promise.resolve(new Map(entries.map((e) => [e.id, e])));
  }
  close() {
    this.closed = true;
  }
  candidate(c: string | null) {
    this.onicecandidate?.({
      candidate:
        c === null ? null : { candidate: c, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' },
    });
  }
  setState(s: RTCPeerConnectionState) {
    this.connectionState = s;
    this.onconnectionstatechange?.();
  }
}

type Sent = { event: string; payload: Record<string, unknown> };

function setup(video = { width: 640, height: 360 }) {
  const sent: Sent[] = [];
  const handlers = new Map<string, ((e: unknown) => void)[]>();
  const answers: Record<string, unknown> = {
    sfuJoin: { publishers: 1 },
    sfuPublish: { answer: { type: 'answer', sdp: 'publisher answer' } },
  };
  let publishGate: Promise<void> = Promise.resolve();
  const request = ((event: string, payload: Record<string, unknown>) => {
    sent.push({ event, payload });
    const gate = event === 'sfuPublish' ? publishGate : Promise.resolve();
    return gate.then(() => answers[event] ?? null);
  }) as unknown as Connection['request'];
  const on = ((event: string, h: (e: unknown) => void) => {
    handlers.set(event, [...(handlers.get(event) ?? []), h]);
    return () =>
      handlers.set(
        event,
        (handlers.get(event) ?? []).filter((x) => x !== h),
      );
  }) as unknown as Connection['on'];
  const emit = <E extends keyof ServerToClientEvents>(
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ) => (handlers.get(event) ?? []).forEach((h) => h(payload));
  const media = new Map<string, RemoteMedia>();
  const states = new Map<string, RTCPeerConnectionState>();
  const reconnecting: boolean[] = [];
  const talking: [string, boolean][] = [];
  const ctx: TransportContext = {
    roomId: 'r1',
    media: 'sfu',
    selfPeerId: 'me',
    iceServers: [],
    iceTransportPolicy: 'all',
    signal: { send: () => undefined, subscribe: () => () => undefined },
    request,
    on,
    local: { audio: { kind: 'audio', id: 'mic' } as MediaStreamTrack, video: null },
    video,
    events: {
      onRemoteMedia: (p, m) => media.set(p, m),
      onConnectionState: (p, s) => states.set(p, s),
      onTalking: (p, t) => talking.push([p, t]),
      onReconnecting: (r) => reconnecting.push(r),
    },
  };
  const transport = createSfuTransport(ctx, { retryMs: 10, disconnectedGraceMs: 50 });
  return {
    transport,
    sent,
    emit,
    media,
    states,
    reconnecting,
    talking,
    holdPublish: () => {
      let release = () => undefined as void;
      publishGate = new Promise<void>((ok) => (release = ok));
      return () => release();
    },
    of: (event: string) => sent.filter((s) => s.event === event),
  };
}

const offer = (version: number, sdp: string, streams: SfuOfferEvent['streams']): SfuOfferEvent => ({
  roomId: 'r1',
  version,
  offer: { type: 'offer', sdp },
  streams,
});
const A_AND_B = [
  { mid: '0', kind: 'video', peerId: 'a', role: 'camera', active: true },
  { mid: '1', kind: 'audio', peerId: 'a', role: 'camera', active: true },
  { mid: '2', kind: 'video', peerId: 'b', role: 'camera', active: true },
] as SfuOfferEvent['streams'];

beforeEach(() => {
  FakePC.all = [];
  vi.stubGlobal('RTCPeerConnection', FakePC);
  vi.stubGlobal('MediaStream', FakeStream);
});
afterEach(() => vi.unstubAllGlobals());

describe('SFU transport', () => {
  it('joins, then publishes microphone and camera (simulcast) with trickle held until the answer', async () => {
    const t = setup();
    const release = t.holdPublish();
    expect(t.sent[0]).toEqual({ event: 'sfuJoin', payload: { roomId: 'r1' } });
    await vi.waitFor(() => expect(t.of('sfuPublish')).toHaveLength(1));
    const pub = FakePC.all[0] as FakePC;
    expect(pub.config).toMatchObject({ bundlePolicy: 'max-bundle', iceTransportPolicy: 'all' });
    expect(pub.txs.map((x) => [x.kind, x.direction])).toEqual([
      ['audio', 'sendonly'],
      ['video', 'sendonly'],
    ]);
    expect(pub.txs[1]?.init.sendEncodings?.map((e) => e.rid)).toEqual(['h', 'm', 'l']);
    expect(t.of('sfuPublish')[0]?.payload).toMatchObject({ roomId: 'r1', screenMid: null });
    pub.candidate('candidate:1');
    pub.candidate(null);
    expect(t.of('sfuCandidate')).toHaveLength(0);
    release();
    await vi.waitFor(() => expect(t.of('sfuCandidate')).toHaveLength(2));
    expect(pub.log).toEqual(['remote publisher answer']);
    expect(t.of('sfuCandidate').map((s) => [s.payload.target, s.payload.candidate])).toEqual([
      ['publisher', expect.objectContaining({ candidate: 'candidate:1' })],
      ['publisher', null],
    ]);
    t.transport.close();
  });

  it('sends one encoding for a small camera, swaps tracks without renegotiating', async () => {
    const t = setup({ width: 320, height: 240 });
    await vi.waitFor(() => expect(t.of('sfuPublish')).toHaveLength(1));
    const pub = FakePC.all[0] as FakePC;
    expect(pub.txs[1]?.init.sendEncodings).toBeUndefined();
    const cam = { kind: 'video', id: 'cam' } as MediaStreamTrack;
    t.transport.setLocalTracks({ audio: null, video: cam });
    expect(pub.txs[0]?.currentTrack).toBeNull();
    expect(pub.txs[1]?.currentTrack).toBe(cam);
    expect(t.of('sfuPublish')).toHaveLength(1);
    t.transport.close();
  });

  it('answers subscriber offers strictly in order and shows each peer its tracks', async () => {
    const t = setup();
    t.transport.addPeer('a');
    t.transport.addPeer('b');
    t.emit('sfuOffer', offer(1, 'm=0:video,1:audio', A_AND_B.slice(0, 2)));
    t.emit('sfuOffer', offer(2, 'm=0:video,1:audio,2:video', A_AND_B));
    t.emit('sfuOffer', offer(2, 'm=stale', A_AND_B));
    await vi.waitFor(() => expect(t.of('sfuAnswer')).toHaveLength(2));
    const sub = FakePC.all.find((p) => p.txs.some((x) => x.direction === 'recvonly')) as FakePC;
    expect(sub.log).toEqual(['remote m=0:video,1:audio', 'remote m=0:video,1:audio,2:video']);
    await vi.waitFor(() => expect(t.media.get('b')?.camera).not.toBeNull());
    const a = t.media.get('a')?.camera as unknown as FakeStream;
    expect(a.getTracks().map((x) => x.id)).toEqual(['track-1', 'track-0']);
    // Video of every received camera at full size until the UI says otherwise.
    expect(t.of('sfuConfigure').flatMap((s) => s.payload.streams as unknown[])).toEqual([
      { mid: '0', send: true, layer: 2 },
      { mid: '2', send: true, layer: 2 },
    ]);
    t.transport.setReceiveView(
      new Map([
        [receiveKey('a', 'camera'), { visible: true, layer: 0 as const }],
        [receiveKey('b', 'camera'), { visible: false, layer: 0 as const }],
      ]),
    );
    expect(t.of('sfuConfigure').at(-1)?.payload.streams).toEqual([
      { mid: '0', send: true, layer: 0 },
      { mid: '2', send: false },
    ]);
    const stats = await t.transport.getStats('a');
    expect(stats?.entries.filter((e) => e.type === 'inbound-rtp').map((e) => e.mid)).toEqual([
      '0',
      '1',
    ]);
    expect(stats?.roleOfMid('1')).toBe('audio');
    expect(t.transport.getAudioLevel('a')).toBe(0.3);
    expect(t.transport.getAudioLevel('b')).toBeNull();
    sub.setState('connected');
    expect(t.states.get('a')).toBe('connected');
    t.emit('sfuTalking', { roomId: 'r1', peerId: 'a', talking: true });
    expect(t.talking).toEqual([['a', true]]);
    t.transport.close();
  });

  it('renegotiates the publisher for a screen share, with its mid', async () => {
    const t = setup();
    await vi.waitFor(() => expect(t.of('sfuPublish')).toHaveLength(1));
    t.transport.setScreenTrack({ kind: 'video', id: 'screen' } as MediaStreamTrack);
    await vi.waitFor(() => expect(t.of('sfuPublish')).toHaveLength(2));
    expect(t.of('sfuPublish')[1]?.payload.screenMid).toBe('2');
    t.transport.setScreenTrack(null);
    await vi.waitFor(() => expect(t.of('sfuPublish')).toHaveLength(3));
    expect(t.of('sfuPublish')[2]?.payload.screenMid).toBeNull();
    expect(FakePC.all[0]?.txs[2]?.direction).toBe('inactive');
    t.transport.close();
  });

  it('sets both connections up again on sfuRestart and when a connection fails', async () => {
    const t = setup();
    t.transport.addPeer('a');
    await vi.waitFor(() => expect(t.of('sfuPublish')).toHaveLength(1));
    t.emit('sfuOffer', offer(1, 'm=0:video,1:audio', A_AND_B.slice(0, 2)));
    await vi.waitFor(() => expect(t.of('sfuAnswer')).toHaveLength(1));
    const [pub, sub] = FakePC.all as [FakePC, FakePC];
    t.emit('sfuRestart', { roomId: 'r1' });
    expect(pub.closed && sub.closed).toBe(true);
    expect(t.reconnecting).toEqual([true]);
    expect(t.states.get('a')).toBe('connecting');
    await vi.waitFor(() => expect(t.of('sfuPublish')).toHaveLength(2));
    expect(t.of('sfuJoin')).toHaveLength(2);
    // Versions start again with the new subscriber.
    t.emit('sfuOffer', offer(1, 'm=0:video,1:audio', A_AND_B.slice(0, 2)));
    await vi.waitFor(() => expect(t.of('sfuAnswer')).toHaveLength(2));
    const [pub2, sub2] = FakePC.all.slice(2) as [FakePC, FakePC];
    pub2.setState('connected');
    expect(t.reconnecting).toEqual([true]);
    sub2.setState('connected');
    expect(t.reconnecting).toEqual([true, false]);
    sub2.setState('disconnected');
    await vi.waitFor(() => expect(t.of('sfuJoin')).toHaveLength(3));
    expect(pub2.closed).toBe(true);
    t.transport.close();
  });
});
