import type { CallPeerLeftEvent } from '@minimeet/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emitAck, nextEvent, startStack } from './harness';
import {
  enter,
  errorCode,
  fakeSdp,
  joinCall,
  record,
  roomWith,
  SocketPool,
  unwrap,
} from './call-helpers';

const GRACE_MS = 600;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('calls: dropped sockets, reconnects and second tabs', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({ CALL_GRACE_MS: String(GRACE_MS) });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('a socket that drops and does not come back leaves the call after the grace period', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const pa = await joinCall(a, room.id);
    await joinCall(b, room.id);
    const left = nextEvent(b.socket, 'callPeerLeft');
    const dropped = Date.now();
    a.socket.disconnect();
    expect(await left).toEqual({ roomId: room.id, peerId: pa.peerId });
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(GRACE_MS - 50);
  });

  it('a socket that reconnects within the grace period takes over with a new peer', async () => {
    const { room, members } = await roomWith(base, pool, 3);
    const [a, b, c] = members;
    const pa = await joinCall(a, room.id);
    const pb = await joinCall(b, room.id);
    const leftAtB = record<CallPeerLeftEvent>(b.socket, 'callPeerLeft');
    a.socket.disconnect();

    const back = await enter(base, pool, room.id, a.user);
    const oldLeft = nextEvent(b.socket, 'callPeerLeft');
    const newJoined = nextEvent(b.socket, 'callPeerJoined');
    const rejoined = await joinCall(back, room.id);
    expect(rejoined.callId).toBe(pa.callId);
    expect(rejoined.peerId).not.toBe(pa.peerId);
    expect(rejoined.peers.map((p) => p.peerId)).toEqual([pb.peerId]);
    expect(await oldLeft).toEqual({ roomId: room.id, peerId: pa.peerId });
    expect((await newJoined).peer).toMatchObject({
      peerId: rejoined.peerId,
      userId: a.user.user.id,
    });

    // The old peer's grace timer must not remove the new one: nothing to await, so wait it out.
    await delay(GRACE_MS + 200);
    expect(leftAtB).toEqual([{ roomId: room.id, peerId: pa.peerId }]);
    const offer = nextEvent(back.socket, 'webrtc-offer');
    unwrap(
      await emitAck(b.socket, 'webrtc-offer', {
        roomId: room.id,
        to: rejoined.peerId,
        sdp: fakeSdp('offer'),
      }),
    );
    expect((await offer).from).toBe(pb.peerId);
    expect((await joinCall(c, room.id)).peers.map((p) => p.peerId).sort()).toEqual(
      [pb.peerId, rejoined.peerId].sort(),
    );
  });

  it('joining from a second tab replaces the first, which is told and can no longer signal', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const tab2 = await enter(base, pool, room.id, a.user);
    const pa = await joinCall(a, room.id);
    const pb = await joinCall(b, room.id);

    const toldFirstTab = nextEvent(a.socket, 'callPeerLeft');
    const leftAtB = nextEvent(b.socket, 'callPeerLeft');
    const joinedAtB = nextEvent(b.socket, 'callPeerJoined');
    const second = await joinCall(tab2, room.id);
    expect(second.peers.map((p) => p.peerId)).toEqual([pb.peerId]);
    expect(await toldFirstTab).toEqual({ roomId: room.id, peerId: pa.peerId });
    expect(await leftAtB).toEqual({ roomId: room.id, peerId: pa.peerId });
    expect((await joinedAtB).peer.peerId).toBe(second.peerId);

    const offer = { roomId: room.id, to: pb.peerId, sdp: fakeSdp('offer') };
    expect(errorCode(await emitAck(a.socket, 'webrtc-offer', offer))).toBe('FORBIDDEN');
    expect(errorCode(await emitAck(tab2.socket, 'webrtc-offer', offer))).toBe('OK');
    // The first tab's leaveCall no longer affects the second tab's peer.
    unwrap(await emitAck(a.socket, 'leaveCall', { roomId: room.id }));
    const stillThere = nextEvent(b.socket, 'webrtc-answer');
    unwrap(await emitAck(tab2.socket, 'webrtc-answer', { ...offer, sdp: fakeSdp('answer') }));
    expect((await stillThere).from).toBe(second.peerId);
  });

  it('joining again on the same socket gives a new peer and tells only the others', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const pa = await joinCall(a, room.id);
    await joinCall(b, room.id);
    const leftAtA = record<CallPeerLeftEvent>(a.socket, 'callPeerLeft');
    const leftAtB = nextEvent(b.socket, 'callPeerLeft');
    const again = await joinCall(a, room.id);
    expect(again.peerId).not.toBe(pa.peerId);
    expect(await leftAtB).toEqual({ roomId: room.id, peerId: pa.peerId });
    // B leaves: A hears about B, and never heard about its own old peer.
    const bLeft = nextEvent(a.socket, 'callPeerLeft');
    unwrap(await emitAck(b.socket, 'leaveCall', { roomId: room.id }));
    await bLeft;
    expect(leftAtA.map((e) => e.peerId)).not.toContain(pa.peerId);
  });
});
