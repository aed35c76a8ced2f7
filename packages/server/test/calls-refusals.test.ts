import { SIGNAL_SDP_MAX_LENGTH } from '@minimeet/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connected, emitAck, registerUser, startStack } from './harness';
import { errorCode, fakeSdp, joinCall, roomWith, SocketPool } from './call-helpers';

describe('calls: refusals and validation', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({ CALL_GRACE_MS: '300' });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('refuses signalling from outside the call, to unknown peers, to itself and to peers of another call', async () => {
    const one = await roomWith(base, pool, 3);
    const two = await roomWith(base, pool, 2);
    const [a, b, watcher] = one.members;
    const pa = await joinCall(a, one.room.id);
    const pb = await joinCall(b, one.room.id);
    const pd = await joinCall(two.members[0], two.room.id);
    const offer = (to: string, roomId = one.room.id) => ({ roomId, to, sdp: fakeSdp('offer') });

    expect(errorCode(await emitAck(a.socket, 'webrtc-offer', offer(pd.peerId)))).toBe('FORBIDDEN');
    expect(errorCode(await emitAck(a.socket, 'webrtc-offer', offer(pd.peerId, two.room.id)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await emitAck(a.socket, 'webrtc-offer', offer('no-such-peer')))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await emitAck(a.socket, 'webrtc-offer', offer(pa.peerId)))).toBe('FORBIDDEN');
    expect(errorCode(await emitAck(watcher.socket, 'webrtc-offer', offer(pb.peerId)))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(
        await emitAck(watcher.socket, 'ice-candidate', {
          roomId: one.room.id,
          to: pb.peerId,
          candidate: { candidate: '' },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await emitAck(watcher.socket, 'mediaState', {
          roomId: one.room.id,
          audio: false,
          video: false,
          screen: false,
        }),
      ),
    ).toBe('FORBIDDEN');
    const refused = await emitAck(watcher.socket, 'webrtc-answer', offer(pa.peerId));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Join the call first' },
    });
  });

  it('refuses joinCall from non-members and from sockets that did not join the room', async () => {
    const { room, members } = await roomWith(base, pool, 1);
    const stranger = await registerUser(base);
    const strangerSocket = pool.add(await connected(base, stranger.accessToken));
    const notMember = await emitAck(strangerSocket, 'joinCall', { roomId: room.id });
    expect(notMember).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You are not a member of this room' },
    });
    const otherTab = pool.add(await connected(base, members[0].user.accessToken));
    expect(await emitAck(otherTab, 'joinCall', { roomId: room.id })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Join the room first' },
    });
    expect(
      errorCode(
        await emitAck(strangerSocket, 'joinCall', {
          roomId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('validates payloads: oversized SDP or candidate, wrong types, malformed bodies', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    await joinCall(a, room.id);
    const pb = await joinCall(b, room.id);
    const send = (
      event: 'webrtc-offer' | 'ice-candidate' | 'joinCall' | 'callStats' | 'mediaState',
      body: unknown,
    ) => emitAck(a.socket, event, body);

    const big = await send('webrtc-offer', {
      roomId: room.id,
      to: pb.peerId,
      sdp: fakeSdp('offer', SIGNAL_SDP_MAX_LENGTH + 1),
    });
    expect(big.ok ? null : big.error).toMatchObject({
      code: 'VALIDATION',
      fields: { 'sdp.sdp': [expect.stringMatching(/at most/)] },
    });
    expect(
      errorCode(
        await send('webrtc-offer', {
          roomId: room.id,
          to: pb.peerId,
          sdp: fakeSdp('offer', SIGNAL_SDP_MAX_LENGTH),
        }),
      ),
    ).toBe('OK');
    expect(
      errorCode(
        await send('webrtc-offer', {
          roomId: room.id,
          to: pb.peerId,
          sdp: { type: 'pranswer', sdp: 'v=0' },
        }),
      ),
    ).toBe('VALIDATION');
    expect(errorCode(await send('webrtc-offer', { roomId: room.id, to: pb.peerId }))).toBe(
      'VALIDATION',
    );
    expect(
      errorCode(await send('webrtc-offer', { roomId: room.id, to: pb.peerId, sdp: 'v=0' })),
    ).toBe('VALIDATION');
    expect(errorCode(await send('webrtc-offer', 'hello'))).toBe('VALIDATION');
    expect(
      errorCode(
        await send('ice-candidate', {
          roomId: room.id,
          to: pb.peerId,
          candidate: { candidate: 'x'.repeat(1001) },
        }),
      ),
    ).toBe('VALIDATION');
    expect(
      errorCode(
        await send('ice-candidate', { roomId: room.id, to: pb.peerId, candidate: 'candidate:1' }),
      ),
    ).toBe('VALIDATION');
    expect(
      errorCode(
        await send('ice-candidate', {
          roomId: room.id,
          to: '../../etc',
          candidate: { candidate: '' },
        }),
      ),
    ).toBe('VALIDATION');
    expect(errorCode(await send('joinCall', { roomId: 'not-a-room' }))).toBe('VALIDATION');
    expect(errorCode(await send('joinCall', { roomId: room.id, media: { audio: 'yes' } }))).toBe(
      'VALIDATION',
    );
    expect(
      errorCode(
        await send('mediaState', { roomId: room.id, audio: 1, video: false, screen: false }),
      ),
    ).toBe('VALIDATION');
    const sample = { peerId: pb.peerId, rttMs: 10 };
    expect(
      errorCode(
        await send('callStats', {
          roomId: room.id,
          samples: Array.from({ length: 17 }, () => sample),
        }),
      ),
    ).toBe('VALIDATION');
    expect(
      errorCode(await send('callStats', { roomId: room.id, samples: [{ ...sample, rttMs: -1 }] })),
    ).toBe('VALIDATION');
    expect(
      errorCode(
        await send('callStats', { roomId: room.id, samples: [{ ...sample, packetLossPct: 101 }] }),
      ),
    ).toBe('VALIDATION');
    expect(errorCode(await send('callStats', { roomId: room.id, samples: 'many' }))).toBe(
      'VALIDATION',
    );
  });
});
