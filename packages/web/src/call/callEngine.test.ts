import type {
  ClientToServerEvents,
  JoinCallResult,
  ServerToClientEvents,
} from '@minimeet/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../lib/errors';
import { createStore } from '../lib/store';
import { createCallEngine, type CallConnection, type CallEngine } from './callEngine';
import type { LocalMedia, LocalMediaState } from './localMedia';
import { DEFAULT_CALL_SETTINGS } from './settings';
import type { MediaTransport, SignalMessage, TransportContext } from './transport';

type Sent = { event: keyof ClientToServerEvents; payload: unknown };

function fakeConnection(answer: (event: string, payload: unknown) => unknown) {
  const handlers = new Map<string, Set<(e: never) => void>>();
  const connects = new Set<() => void>();
  const disconnects = new Set<() => void>();
  const sent: Sent[] = [];
  const connection: CallConnection = {
    isConnected: () => true,
    request: ((event: keyof ClientToServerEvents, payload: unknown) => {
      sent.push({ event, payload });
      try {
        return Promise.resolve(answer(event, payload));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }) as CallConnection['request'],
    on: (event: string, handler: (e: never) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)?.add(handler);
      return () => handlers.get(event)?.delete(handler);
    },
    onConnect: (l) => (connects.add(l), () => connects.delete(l)),
    onDisconnect: (l) => (disconnects.add(l), () => disconnects.delete(l)),
  };
  return {
    connection,
    sent,
    emit: <E extends keyof ServerToClientEvents>(
      event: E,
      payload: Parameters<ServerToClientEvents[E]>[0],
    ) => {
      for (const h of handlers.get(event) ?? []) (h as (e: typeof payload) => void)(payload);
    },
    drop: () => disconnects.forEach((l) => l()),
    restore: () => connects.forEach((l) => l()),
  };
}

const fakeTrack = (kind: string) => ({ kind, enabled: true }) as MediaStreamTrack;

function fakeMedia(withTracks = false): LocalMedia {
  const store = createStore<LocalMediaState>({
    stream: null,
    audioTrack: withTracks ? fakeTrack('audio') : null,
    videoTrack: withTracks ? fakeTrack('video') : null,
    cameraTrack: null,
    backgroundEffect: 'none',
    background: { state: 'off' },
    audioEnabled: true,
    videoEnabled: true,
    audioProblem: 'no-device',
    videoProblem: 'no-device',
    acquiring: false,
    screen: null,
    screenProblem: null,
    devices: { audioInput: [], videoInput: [], audioOutput: [] },
    selected: { audioInput: null, videoInput: null, audioOutput: null },
    audioProcessing: { noiseSuppression: true, echoCancellation: true },
    deviceNotice: null,
  });
  const patch = (p: Partial<LocalMediaState>) => store.setState((s) => ({ ...s, ...p }));
  return {
    ...store,
    acquire: () => Promise.resolve(),
    selectDevice: () => Promise.resolve(),
    setAudioEnabled: (audioEnabled) => patch({ audioEnabled }),
    setVideoEnabled: (videoEnabled) => patch({ videoEnabled }),
    startScreen: () => Promise.resolve(false),
    stopScreen: () => undefined,
    release: () => undefined,
    setAudioProcessing: () => Promise.resolve(),
    dismissDeviceNotice: () => undefined,
    setBackground: () => Promise.resolve(),
  };
}

interface FakeTransport extends MediaTransport {
  peers: Set<string>;
  closed: boolean;
  ctx: TransportContext;
  received: [string, SignalMessage][];
}

function setup(answer: (event: string, payload: unknown) => unknown, withTracks = false) {
  const conn = fakeConnection(answer);
  const transports: FakeTransport[] = [];
  const engine = createCallEngine({
    roomId: 'r1',
    connection: conn.connection,
    media: fakeMedia(withTracks),
    settings: DEFAULT_CALL_SETTINGS,
    selfUserId: () => 'me',
    createTransport: (ctx) => {
      const t: FakeTransport = {
        peers: new Set(),
        closed: false,
        ctx,
        received: [],
        addPeer: (id) => void t.peers.add(id),
        removePeer: (id) => void t.peers.delete(id),
        setLocalTracks: () => undefined,
        setScreenTrack: () => undefined,
        setReceiveView: () => undefined,
        getStats: () => Promise.resolve(null),
        outboundStats: () => Promise.resolve([]),
        getAudioLevel: () => null,
        close: () => void (t.closed = true),
      };
      ctx.signal.subscribe((from, message) => t.received.push([from, message]));
      transports.push(t);
      return t;
    },
  });
  return { ...conn, engine, transports };
}

const media = { audio: true, video: true, screen: false };
const result = (
  peerId: string,
  peers: JoinCallResult['peers'] = [],
  callMedia: JoinCallResult['media'] = 'mesh',
): JoinCallResult => ({
  callId: 'c1',
  peerId,
  peers,
  iceServers: [],
  media: callMedia,
});

let engine: CallEngine | null = null;
afterEach(() => engine?.dispose());

describe('call engine', () => {
  it('joins, shows the peers already there and starts media with each', async () => {
    const t = setup((event) =>
      event === 'joinCall'
        ? result('p-me', [
            { peerId: 'p-a', userId: 'ua', username: 'alice', media },
            { peerId: 'p-old', userId: 'me', username: 'me', media },
          ])
        : null,
    );
    engine = t.engine;
    await engine.join();
    expect(engine.getState()).toMatchObject({
      phase: 'connected',
      selfPeerId: 'p-me',
      callId: 'c1',
    });
    expect(engine.getState().peers.map((p) => p.username)).toEqual(['alice']);
    expect([...(t.transports[0]?.peers ?? [])]).toEqual(['p-a']);
    expect(t.sent[0]).toEqual({
      event: 'joinCall',
      payload: { roomId: 'r1', media: { audio: false, video: false, screen: false } },
    });
  });

  it('says the call is full and stays on the device check', async () => {
    const t = setup(() => {
      throw new AppError('ROOM_FULL');
    });
    engine = t.engine;
    engine.openPreJoin();
    await engine.join();
    expect(engine.getState()).toMatchObject({ phase: 'prejoin', notice: 'ROOM_FULL' });
  });

  it('holds call events that arrive before the join answer, then applies them', async () => {
    let answerJoin: (r: JoinCallResult) => void = () => undefined;
    const t = setup((event) =>
      event === 'joinCall' ? new Promise((r) => (answerJoin = r)) : Promise.resolve(null),
    );
    engine = t.engine;
    const joined = engine.join();
    await vi.waitFor(() => expect(t.sent.length).toBe(1));
    t.emit('callPeerJoined', {
      roomId: 'r1',
      peer: { peerId: 'p-b', userId: 'ub', username: 'bob', media },
    });
    t.emit('webrtc-offer', {
      roomId: 'r1',
      to: 'p-me',
      from: 'p-b',
      fromUserId: 'ub',
      sdp: { type: 'offer', sdp: 'v=0' },
    });
    t.emit('callPeerJoined', {
      roomId: 'other-room',
      peer: { peerId: 'p-x', userId: 'ux', username: 'x', media },
    });
    answerJoin(result('p-me'));
    await joined;
    expect(engine.getState().peers.map((p) => p.username)).toEqual(['bob']);
    expect(t.transports[0]?.received).toEqual([
      ['p-b', { kind: 'description', description: { type: 'offer', sdp: 'v=0' } }],
    ]);
  });

  it('ignores signals addressed to an earlier session of ours', async () => {
    const t = setup((event) => (event === 'joinCall' ? result('p-me') : null));
    engine = t.engine;
    await engine.join();
    t.emit('ice-candidate', {
      roomId: 'r1',
      to: 'p-stale',
      from: 'p-b',
      fromUserId: 'ub',
      candidate: { candidate: 'c' },
    });
    expect(t.transports[0]?.received).toEqual([]);
  });

  it('follows peers leaving and their media state', async () => {
    const t = setup((event) =>
      event === 'joinCall'
        ? result('p-me', [{ peerId: 'p-a', userId: 'ua', username: 'alice', media }])
        : null,
    );
    engine = t.engine;
    await engine.join();
    t.emit('mediaState', { roomId: 'r1', peerId: 'p-a', audio: false, video: true, screen: true });
    expect(engine.getState().peers[0]?.media).toEqual({ audio: false, video: true, screen: true });
    t.emit('callPeerLeft', { roomId: 'r1', peerId: 'p-a' });
    expect(engine.getState().peers).toEqual([]);
    expect(t.transports[0]?.peers.size).toBe(0);
  });

  it('says Reconnecting while the socket is down, then rejoins with a fresh session', async () => {
    let n = 0;
    const t = setup((event) =>
      event === 'joinCall'
        ? result(`p-me-${++n}`, [{ peerId: 'p-a', userId: 'ua', username: 'alice', media }])
        : null,
    );
    engine = t.engine;
    await engine.join();
    t.drop();
    expect(engine.getState().phase).toBe('reconnecting');
    t.restore();
    await vi.waitFor(() => expect(engine?.getState().phase).toBe('connected'));
    expect(engine.getState().selfPeerId).toBe('p-me-2');
    expect(t.transports[0]?.closed).toBe(true);
    expect([...(t.transports[1]?.peers ?? [])]).toEqual(['p-a']);
  });

  it('ends here when another tab of ours takes the place in the call', async () => {
    const t = setup((event) => (event === 'joinCall' ? result('p-me') : null));
    engine = t.engine;
    await engine.join();
    t.emit('callPeerLeft', { roomId: 'r1', peerId: 'p-me' });
    expect(engine.getState()).toMatchObject({ phase: 'idle', notice: 'REPLACED' });
    expect(t.transports[0]?.closed).toBe(true);
  });

  it('asks for the raised hands once in, announces mute and camera changes, and leaves with leaveCall', async () => {
    const t = setup((event) => (event === 'joinCall' ? result('p-me') : null), true);
    engine = t.engine;
    await engine.join();
    engine.toggleAudio();
    engine.toggleVideo();
    engine.toggleAudio();
    await engine.leave();
    expect(t.sent.map((s) => s.event)).toEqual([
      'joinCall',
      'getHands',
      'mediaState',
      'mediaState',
      'mediaState',
      'mediaState',
      'leaveCall',
    ]);
    expect(t.sent.slice(2, 6).map((s) => s.payload)).toEqual([
      { roomId: 'r1', audio: true, video: true, screen: false },
      { roomId: 'r1', audio: false, video: true, screen: false },
      { roomId: 'r1', audio: false, video: false, screen: false },
      { roomId: 'r1', audio: true, video: false, screen: false },
    ]);
    expect(engine.getState().phase).toBe('idle');
  });

  it('starts the SFU beside the mesh when the call moves, and joins a SFU call directly', async () => {
    const alice = { peerId: 'p-a', userId: 'ua', username: 'alice', media };
    const t = setup((event) => (event === 'joinCall' ? result('p-me', [alice]) : null));
    engine = t.engine;
    await engine.join();
    expect(engine.getState().media).toBe('mesh');
    expect(t.transports.map((x) => x.ctx.media)).toEqual(['mesh']);
    t.emit('callMediaChanged', { roomId: 'r1', callId: 'other-call', media: 'sfu' });
    expect(t.transports).toHaveLength(1);
    t.emit('callMediaChanged', { roomId: 'r1', callId: 'c1', media: 'sfu' });
    expect(engine.getState().media).toBe('sfu');
    expect(t.transports.map((x) => x.ctx.media)).toEqual(['mesh', 'sfu']);
    expect([...(t.transports[1]?.peers ?? [])]).toEqual(['p-a']);
    // The mesh stays until the peers' media arrives through the SFU (see handover.test.ts).
    expect(t.transports[0]?.closed).toBe(false);
    await engine.leave();
    expect(t.transports.every((x) => x.closed)).toBe(true);

    const u = setup((event) => (event === 'joinCall' ? result('p-me', [alice], 'sfu') : null));
    engine = u.engine;
    await engine.join();
    expect(u.transports.map((x) => [x.ctx.media, x.ctx.roomId])).toEqual([['sfu', 'r1']]);
    expect([...(u.transports[0]?.peers ?? [])]).toEqual(['p-a']);
  });

  it('shows Reconnecting while the SFU sets its media up again, and uses its talking events', async () => {
    const alice = { peerId: 'p-a', userId: 'ua', username: 'alice', media };
    const t = setup((event) => (event === 'joinCall' ? result('p-me', [alice], 'sfu') : null));
    engine = t.engine;
    await engine.join();
    const events = t.transports[0]?.ctx.events;
    events?.onReconnecting(true);
    expect(engine.getState().mediaReconnecting).toBe(true);
    events?.onReconnecting(false);
    expect(engine.getState().mediaReconnecting).toBe(false);
    events?.onTalking('p-a', true);
    expect(engine.getState().peers[0]?.speaking).toBe(true);
    expect(engine.getState().activeSpeakerId).toBe('p-a');
    events?.onTalking('p-a', false);
    expect(engine.getState().peers[0]?.speaking).toBe(false);
    expect(engine.getState().activeSpeakerId).toBe('p-a');
  });
});
