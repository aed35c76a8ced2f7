/**
 * SFU signalling against the real app and a real Janus that the app supervises: who may use the
 * media server, how a call moves from the mesh to the SFU, and that Janus is locked down.
 */
import type { Ack, CallLimitsResponse } from '@minimeet/contract';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, joinCall, roomWith, SocketPool, unwrap } from '../call-helpers';
import { api, emitAck, nextEvent, startStack } from '../harness';
import { publisherOffer } from './sdp-fixtures';

describe('SFU signalling (real Janus)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({
      CALL_MEDIA: 'auto',
      CALL_MESH_MAX: '2',
      CALL_MAX_PARTICIPANTS: '4',
    });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('says what calls can do here', async () => {
    const { members } = await roomWith(base, pool, 1);
    const limits = await api<CallLimitsResponse>(base, 'GET', '/api/calls/limits', {
      token: members[0].user.accessToken,
    });
    expect(limits.body).toEqual({ meshMax: 2, maxParticipants: 4, sfu: true });
  });

  it('a call moves to the SFU when it grows past the mesh limit, and holds CALL_MAX_PARTICIPANTS', async () => {
    const { room, members } = await roomWith(base, pool, 5);
    const [a, b, c, d, e] = members;
    expect((await joinCall(a, room.id)).media).toBe('mesh');
    expect((await joinCall(b, room.id)).media).toBe('mesh');
    // Mesh calls do not use the media server.
    expect(errorCode(await emitAck(a.socket, 'sfuJoin', { roomId: room.id }))).toBe('FORBIDDEN');

    const movedA = nextEvent(a.socket, 'callMediaChanged');
    const movedB = nextEvent(b.socket, 'callMediaChanged');
    const third = await joinCall(c, room.id);
    expect(third.media).toBe('sfu');
    expect(await movedA).toMatchObject({ roomId: room.id, callId: third.callId, media: 'sfu' });
    expect(await movedB).toMatchObject({ media: 'sfu' });

    expect((await joinCall(d, room.id)).media).toBe('sfu');
    const full = await emitAck(e.socket, 'joinCall', { roomId: room.id });
    expect(full).toMatchObject({
      ok: false,
      error: { code: 'ROOM_FULL', message: 'The call is full' },
    });

    // Everyone in the call may now join the media server and publish; Janus answers the offer.
    expect(unwrap(await emitAck(a.socket, 'sfuJoin', { roomId: room.id }))).toEqual({
      publishers: 0,
    });
    const published = unwrap(
      await emitAck(a.socket, 'sfuPublish', { roomId: room.id, offer: publisherOffer() }),
    );
    expect(published.answer.type).toBe('answer');
    expect(published.answer.sdp).toContain('m=video');
    // A new offer later (a screen share starts or stops) renegotiates the same publisher.
    const again = unwrap(
      await emitAck(a.socket, 'sfuPublish', { roomId: room.id, offer: publisherOffer() }),
    );
    expect(again.answer.type).toBe('answer');
    // A call stays on the SFU when it shrinks again.
    await emitAck(c.socket, 'leaveCall', { roomId: room.id });
    await emitAck(d.socket, 'leaveCall', { roomId: room.id });
    const rejoined = unwrap(await emitAck(b.socket, 'sfuJoin', { roomId: room.id }));
    expect(typeof rejoined.publishers).toBe('number');
  });

  it('refuses the media server to non-members, to people outside the call and across rooms', async () => {
    const one = await roomWith(base, pool, 3);
    const two = await roomWith(base, pool, 3);
    for (const m of one.members) await joinCall(m, one.room.id);
    for (const m of two.members) await joinCall(m, two.room.id);
    const [a] = one.members;
    const [x] = two.members;
    unwrap(await emitAck(a.socket, 'sfuJoin', { roomId: one.room.id }));
    unwrap(await emitAck(x.socket, 'sfuJoin', { roomId: two.room.id }));

    // A member of room one, in its call, naming room two: not in that call.
    const acks: Ack<unknown>[] = [
      await emitAck(a.socket, 'sfuJoin', { roomId: two.room.id }),
      await emitAck(a.socket, 'sfuPublish', { roomId: two.room.id, offer: publisherOffer() }),
      await emitAck(a.socket, 'sfuConfigure', {
        roomId: two.room.id,
        streams: [{ mid: '0', send: true, layer: 2 }],
      }),
      await emitAck(a.socket, 'sfuAnswer', {
        roomId: two.room.id,
        answer: { type: 'answer', sdp: 'v=0\r\n' },
      }),
    ];
    for (const ack of acks) expect(errorCode(ack)).toBe('FORBIDDEN');

    // Someone who is in the room but not in its call.
    const outsider = (await roomWith(base, pool, 1)).members[0];
    expect(errorCode(await emitAck(outsider.socket, 'sfuJoin', { roomId: one.room.id }))).toBe(
      'FORBIDDEN',
    );
    // Garbage is refused with VALIDATION before anything reaches Janus.
    const bad = await emitAck(a.socket, 'sfuPublish', {
      roomId: one.room.id,
      offer: { type: 'offer', sdp: 'x'.repeat(60_001) },
    });
    expect(errorCode(bad)).toBe('VALIDATION');
    const badMid = await emitAck(a.socket, 'sfuConfigure', {
      roomId: one.room.id,
      streams: [{ mid: '../../etc', send: true }],
    });
    expect(errorCode(badMid)).toBe('VALIDATION');
  });
});

describe('SFU after Janus dies (real Janus, kill -9)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({ CALL_MEDIA: 'sfu' });
    base = stack.server.url;
  });
  afterAll(async () => {
    await pool.closeAll();
    await stack.stop();
  });

  it('tells each participant to restart its media, and the restarted Janus takes them back', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    for (const m of members) expect((await joinCall(m, room.id)).media).toBe('sfu');
    for (const m of members) {
      unwrap(await emitAck(m.socket, 'sfuJoin', { roomId: room.id }));
      unwrap(await emitAck(m.socket, 'sfuPublish', { roomId: room.id, offer: publisherOffer() }));
    }
    const janus = janusChildren();
    expect(janus).toHaveLength(1);
    const restarts = members.map((m) => nextEvent(m.socket, 'sfuRestart'));
    const killedAt = Date.now();
    process.kill(janus[0]!, 'SIGKILL');

    for (const restart of restarts) expect(await restart).toEqual({ roomId: room.id });
    // Joining again waits for the supervised restart instead of failing.
    for (const m of members) {
      unwrap(await emitAck(m.socket, 'sfuJoin', { roomId: room.id }));
      const { answer } = unwrap(
        await emitAck(m.socket, 'sfuPublish', { roomId: room.id, offer: publisherOffer() }),
      );
      expect(answer.type).toBe('answer');
    }
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    const again = janusChildren();
    expect(again).toHaveLength(1);
    expect(again[0]).not.toBe(janus[0]);
  });
});

/** Pids of the Janus processes this test process supervises (through the app it runs). */
function janusChildren(): number[] {
  const out = execFileSync('pgrep', ['-P', String(process.pid), '-x', 'janus'], {
    encoding: 'utf8',
  }).trim();
  return out ? out.split('\n').map(Number) : [];
}

describe('without Janus (JANUS_DISABLED=true)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({ CALL_MEDIA: 'auto', JANUS_DISABLED: 'true', CALL_MESH_MAX: '2' });
  });
  afterAll(async () => {
    await pool.closeAll();
    await stack.stop();
  });

  it('keeps calls mesh-only, says so in the limits, and refuses the person past the mesh', async () => {
    const base = stack.server.url;
    const { room, members } = await roomWith(base, pool, 3);
    const limits = await api<CallLimitsResponse>(base, 'GET', '/api/calls/limits', {
      token: members[0].user.accessToken,
    });
    expect(limits.body).toEqual({ meshMax: 2, maxParticipants: 2, sfu: false });
    expect((await joinCall(members[0], room.id)).media).toBe('mesh');
    expect((await joinCall(members[1], room.id)).media).toBe('mesh');
    expect(errorCode(await emitAck(members[2].socket, 'joinCall', { roomId: room.id }))).toBe(
      'ROOM_FULL',
    );
  });
});
