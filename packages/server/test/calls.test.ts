import type {
  CallPeerJoinedEvent,
  Relayed,
  RoomListResponse,
  SignalOfferPayload,
} from '@minimeet/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, emitAck, nextEvent, startStack } from './harness';
import { errorCode, fakeSdp, joinCall, record, roomWith, SocketPool, unwrap } from './call-helpers';

describe('calls: joining and signalling', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({ CALL_GRACE_MS: '300' });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('returns the peers already in the call and ICE servers; the others get callPeerJoined and presence shows inCall', async () => {
    const { room, members } = await roomWith(base, pool, 3);
    const [a, b, c] = members;
    const first = await joinCall(a, room.id, { audio: true, video: false, screen: false });
    expect(first.peers).toEqual([]);
    expect(first.iceServers).toEqual([]);
    expect(first.peerId).toMatch(/^[0-9a-f-]{36}$/);

    const joined = nextEvent(a.socket, 'callPeerJoined');
    const presence = nextEvent(
      c.socket,
      'participantsUpdate',
      (e) => e.participants.filter((p) => p.inCall).length === 2,
    );
    const second = await joinCall(b, room.id);
    expect(second.callId).toBe(first.callId);
    expect(second.peerId).not.toBe(first.peerId);
    expect(second.peers).toEqual([
      {
        peerId: first.peerId,
        userId: a.user.user.id,
        username: a.user.user.username,
        media: { audio: true, video: false, screen: false },
      },
    ]);
    const event: CallPeerJoinedEvent = await joined;
    expect(event).toEqual({
      roomId: room.id,
      peer: {
        peerId: second.peerId,
        userId: b.user.user.id,
        username: b.user.user.username,
        media: { audio: true, video: true, screen: false },
      },
    });
    const inCall = (await presence).participants
      .filter((p) => p.inCall)
      .map((p) => p.userId)
      .sort();
    expect(inCall).toEqual([a.user.user.id, b.user.user.id].sort());
    // The room list shows that a call is going on, and how many are in it.
    const list = await api<RoomListResponse>(base, 'GET', '/api/rooms', {
      token: c.user.accessToken,
    });
    expect(list.body.items.find((r) => r.id === room.id)).toMatchObject({
      onlineCount: 3,
      inCallCount: 2,
    });
    expect((await presence).participants.find((p) => p.userId === c.user.user.id)).toEqual({
      userId: c.user.user.id,
      username: c.user.user.username,
    });
  });

  it('relays offer, answer and candidates only to the target, with from and fromUserId set by the server', async () => {
    const { room, members } = await roomWith(base, pool, 3);
    const [a, b, c] = members;
    const pa = await joinCall(a, room.id);
    const pb = await joinCall(b, room.id);
    const pc = await joinCall(c, room.id);
    const offersAtC = record<SignalOfferPayload & Relayed>(c.socket, 'webrtc-offer');

    const offer = nextEvent(b.socket, 'webrtc-offer');
    const sent = await emitAck(a.socket, 'webrtc-offer', {
      roomId: room.id,
      to: pb.peerId,
      sdp: fakeSdp('offer'),
      from: pc.peerId,
      fromUserId: c.user.user.id,
    });
    expect(sent).toEqual({ ok: true, data: null });
    expect(await offer).toEqual({
      roomId: room.id,
      to: pb.peerId,
      sdp: fakeSdp('offer'),
      from: pa.peerId,
      fromUserId: a.user.user.id,
    });

    const answer = nextEvent(a.socket, 'webrtc-answer');
    unwrap(
      await emitAck(b.socket, 'webrtc-answer', {
        roomId: room.id,
        to: pa.peerId,
        sdp: fakeSdp('answer'),
      }),
    );
    expect(await answer).toMatchObject({
      from: pb.peerId,
      fromUserId: b.user.user.id,
      sdp: { type: 'answer' },
    });

    const candidate = {
      candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    const atB = nextEvent(b.socket, 'ice-candidate');
    unwrap(
      await emitAck(a.socket, 'ice-candidate', {
        roomId: room.id,
        to: pb.peerId,
        candidate,
        from: 'forged',
      }),
    );
    expect(await atB).toEqual({
      roomId: room.id,
      to: pb.peerId,
      candidate,
      from: pa.peerId,
      fromUserId: a.user.user.id,
    });

    // C gets a candidate sent after the offer to B; had the offer leaked to C, it would be here first.
    const atC = nextEvent(c.socket, 'ice-candidate');
    unwrap(
      await emitAck(a.socket, 'ice-candidate', {
        roomId: room.id,
        to: pc.peerId,
        candidate: { candidate: '' },
      }),
    );
    expect(await atC).toMatchObject({ candidate: { candidate: '' }, from: pa.peerId });
    expect(offersAtC).toEqual([]);
  });

  it('gives a fifth joiner ROOM_FULL, and a place again once someone leaves', async () => {
    const { room, members } = await roomWith(base, pool, 5);
    for (const m of members.slice(0, 4)) await joinCall(m, room.id);
    const fifth = members[4];
    expect(await emitAck(fifth.socket, 'joinCall', { roomId: room.id })).toEqual({
      ok: false,
      error: { code: 'ROOM_FULL', message: 'The call is full' },
    });
    unwrap(await emitAck(members[0].socket, 'leaveCall', { roomId: room.id }));
    expect((await joinCall(fifth, room.id)).peers).toHaveLength(3);
  });

  it('relays mediaState to the others and gives late joiners the current media', async () => {
    const { room, members } = await roomWith(base, pool, 3);
    const [a, b, c] = members;
    const pa = await joinCall(a, room.id);
    await joinCall(b, room.id);
    const seen = nextEvent(b.socket, 'mediaState');
    unwrap(
      await emitAck(a.socket, 'mediaState', {
        roomId: room.id,
        audio: false,
        video: true,
        screen: true,
        peerId: 'forged',
      }),
    );
    expect(await seen).toEqual({
      roomId: room.id,
      peerId: pa.peerId,
      audio: false,
      video: true,
      screen: true,
    });
    const late = await joinCall(c, room.id);
    expect(late.peers.find((p) => p.peerId === pa.peerId)?.media).toEqual({
      audio: false,
      video: true,
      screen: true,
    });
  });

  it('leaveCall tells the others; the call ends with its last peer and the next join starts a new one', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const pa = await joinCall(a, room.id);
    await joinCall(b, room.id);
    const left = nextEvent(b.socket, 'callPeerLeft');
    const presence = nextEvent(
      b.socket,
      'participantsUpdate',
      (e) => e.participants.filter((p) => p.inCall).length === 1,
    );
    expect(await emitAck(a.socket, 'leaveCall', { roomId: room.id })).toEqual({
      ok: true,
      data: null,
    });
    expect(await left).toEqual({ roomId: room.id, peerId: pa.peerId });
    expect((await presence).participants.find((p) => p.inCall)?.userId).toBe(b.user.user.id);
    expect(
      errorCode(
        await emitAck(a.socket, 'mediaState', {
          roomId: room.id,
          audio: true,
          video: true,
          screen: false,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await emitAck(a.socket, 'leaveCall', { roomId: room.id })).toEqual({
      ok: true,
      data: null,
    });
    unwrap(await emitAck(b.socket, 'leaveCall', { roomId: room.id }));
    const again = await joinCall(a, room.id);
    expect(again.peers).toEqual([]);
    expect(again.callId).not.toBe(pa.callId);
  });
});
