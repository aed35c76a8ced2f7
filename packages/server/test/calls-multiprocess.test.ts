/**
 * Two servers sharing MariaDB and Redis act as one call service: membership lives in Redis, relays
 * cross through the adapter, and the peers of a server that goes away are swept by the other.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackend,
  emitAck,
  nextEvent,
  registerUser,
  startServer,
  useMysql,
  type TestBackend,
  type TestServer,
} from './harness';
import { createRoom, enter, fakeSdp, joinCall, SocketPool, unwrap } from './call-helpers';

const TTL_MS = 1000;

describe.skipIf(!useMysql)('calls across two servers (MariaDB + Redis)', () => {
  let backend: TestBackend;
  let one: TestServer;
  let two: TestServer;
  let twoClosed = false;
  const pool = new SocketPool();
  beforeAll(async () => {
    backend = await createBackend();
    const env = { ...backend.env, PRESENCE_TTL_MS: String(TTL_MS), CALL_GRACE_MS: '300' };
    one = await startServer(env);
    two = await startServer(env);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await one?.close();
    if (!twoClosed) await two?.close();
    await backend?.cleanup();
  });

  it('joins one call, relays signalling and media state, and replaces a tab across servers', async () => {
    const alice = await registerUser(one.url);
    const bob = await registerUser(one.url);
    const room = await createRoom(one.url, alice);
    const a = await enter(one.url, pool, room.id, alice);
    const b = await enter(two.url, pool, room.id, bob);

    const pa = await joinCall(a, room.id);
    const bobJoined = nextEvent(a.socket, 'callPeerJoined');
    const pb = await joinCall(b, room.id);
    expect(pb.callId).toBe(pa.callId);
    expect(pb.peers.map((p) => p.peerId)).toEqual([pa.peerId]);
    expect((await bobJoined).peer.peerId).toBe(pb.peerId);

    const offer = nextEvent(b.socket, 'webrtc-offer');
    unwrap(
      await emitAck(a.socket, 'webrtc-offer', {
        roomId: room.id,
        to: pb.peerId,
        sdp: fakeSdp('offer'),
      }),
    );
    expect(await offer).toMatchObject({ from: pa.peerId, fromUserId: alice.user.id });
    const media = nextEvent(a.socket, 'mediaState');
    unwrap(
      await emitAck(b.socket, 'mediaState', {
        roomId: room.id,
        audio: false,
        video: true,
        screen: false,
      }),
    );
    expect(await media).toEqual({
      roomId: room.id,
      peerId: pb.peerId,
      audio: false,
      video: true,
      screen: false,
    });

    // Bob opens the call in a tab on the other server: his peer there is replaced and told so.
    const bobTab = await enter(one.url, pool, room.id, bob);
    const toldOldTab = nextEvent(b.socket, 'callPeerLeft');
    const leftAtA = nextEvent(a.socket, 'callPeerLeft');
    const pb2 = await joinCall(bobTab, room.id);
    expect(pb2.peers.map((p) => p.peerId)).toEqual([pa.peerId]);
    expect(await toldOldTab).toEqual({ roomId: room.id, peerId: pb.peerId });
    expect(await leftAtA).toEqual({ roomId: room.id, peerId: pb.peerId });
    const refused = await emitAck(b.socket, 'webrtc-answer', {
      roomId: room.id,
      to: pa.peerId,
      sdp: fakeSdp('answer'),
    });
    expect(refused.ok).toBe(false);
  });

  it('removes the peers of a server that went away', async () => {
    const alice = await registerUser(one.url);
    const carol = await registerUser(one.url);
    const room = await createRoom(one.url, alice);
    const a = await enter(one.url, pool, room.id, alice);
    const c = await enter(two.url, pool, room.id, carol);
    await joinCall(a, room.id);
    const pc = await joinCall(c, room.id);
    // Carol's room presence is not what this test is about: only her call peer stays behind.
    unwrap(await emitAck(c.socket, 'leaveRoom', { roomId: room.id }));

    const gone = nextEvent(a.socket, 'callPeerLeft', () => true, TTL_MS * 5);
    twoClosed = true;
    await two.close();
    expect(await gone).toEqual({ roomId: room.id, peerId: pc.peerId });
    const late = await joinCall(await enter(one.url, pool, room.id, carol), room.id);
    expect(late.peers.map((p) => p.userId)).toEqual([alice.user.id]);
  });
});
