import type { ApiErrorBody, CallListResponse, IceServersResponse } from '@minimeet/contract';
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, emitAck, nextEvent, registerUser, startStack } from './harness';
import { errorCode, joinCall, roomWith, SocketPool, unwrap } from './call-helpers';

describe('call history and quality', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({ CALL_GRACE_MS: '300' });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  const calls = (roomId: string, token: string) =>
    api<CallListResponse>(base, 'GET', `/api/rooms/${roomId}/calls`, { token });

  it('stores each call with participants, duration and a quality summary from callStats', async () => {
    const { room, members } = await roomWith(base, pool, 3);
    const [a, b, c] = members;
    const pa = await joinCall(a, room.id);
    const pb = await joinCall(b, room.id);
    const pc = await joinCall(c, room.id);

    const ongoing = await calls(room.id, a.user.accessToken);
    expect(ongoing.status).toBe(200);
    expect(ongoing.body.items).toHaveLength(1);
    expect(ongoing.body.items[0]).toMatchObject({
      id: pa.callId,
      roomId: room.id,
      endedAt: null,
      durationSeconds: null,
    });

    const samples = [
      {
        peerId: pb.peerId,
        rttMs: 40,
        packetLossPct: 0.5,
        bitrateKbps: 900,
        frameRate: 30,
        width: 640,
        height: 480,
      },
      { peerId: pb.peerId, rttMs: 60, packetLossPct: 1.5, bitrateKbps: 700, frameRate: null },
    ];
    unwrap(await emitAck(a.socket, 'callStats', { roomId: room.id, samples }));
    unwrap(
      await emitAck(a.socket, 'callStats', {
        roomId: room.id,
        samples: [{ peerId: pc.peerId, bitrateKbps: 800, frameRate: 24 }],
      }),
    );
    unwrap(
      await emitAck(b.socket, 'callStats', {
        roomId: room.id,
        samples: [{ peerId: pa.peerId, rttMs: 450, packetLossPct: 8 }],
      }),
    );

    for (const m of [c, b, a]) unwrap(await emitAck(m.socket, 'leaveCall', { roomId: room.id }));
    const res = await calls(room.id, b.user.accessToken);
    expect(res.status).toBe(200);
    const [record] = res.body.items;
    expect(record?.endedAt).not.toBeNull();
    expect(record?.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(record?.endedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(record?.startedAt ?? ''),
    );
    const byName = new Map(record?.participants.map((p) => [p.user.username, p]));
    expect([...byName.keys()].sort()).toEqual([a, b, c].map((m) => m.user.user.username).sort());
    for (const p of record?.participants ?? []) expect(p.leftAt).not.toBeNull();
    expect(byName.get(a.user.user.username)?.user.id).toBe(a.user.user.id);
    expect(byName.get(a.user.user.username)?.quality).toEqual({
      samples: 3,
      avgRttMs: 50,
      avgPacketLossPct: 1,
      avgBitrateKbps: 800,
      avgFrameRate: 27,
      rating: 'good',
    });
    expect(byName.get(b.user.user.username)?.quality).toMatchObject({
      samples: 1,
      avgRttMs: 450,
      avgFrameRate: null,
      rating: 'poor',
    });
    expect(byName.get(c.user.user.username)?.quality).toEqual({
      samples: 0,
      avgRttMs: null,
      avgPacketLossPct: null,
      avgBitrateKbps: null,
      avgFrameRate: null,
      rating: 'unknown',
    });
  });

  it('lists calls newest first and records a peer that dropped when its grace period ends', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const first = await joinCall(a, room.id);
    unwrap(await emitAck(a.socket, 'leaveCall', { roomId: room.id }));
    const second = await joinCall(a, room.id);
    await joinCall(b, room.id);
    const left = nextEvent(b.socket, 'callPeerLeft');
    a.socket.disconnect();
    await left;
    const res = await calls(room.id, b.user.accessToken);
    expect(res.body.items.map((c) => c.id)).toEqual([second.callId, first.callId]);
    expect(res.body.items[1]?.durationSeconds).toBeGreaterThanOrEqual(0);
    const dropped = res.body.items[0]?.participants.find((p) => p.user.id === a.user.user.id);
    expect(dropped?.leftAt).not.toBeNull();
    expect(res.body.items[0]?.endedAt).toBeNull();
  });

  it('shows the history to members only', async () => {
    const { room } = await roomWith(base, pool, 1);
    const stranger = await registerUser(base);
    const refused = await api<ApiErrorBody>(base, 'GET', `/api/rooms/${room.id}/calls`, {
      token: stranger.accessToken,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await api(base, 'GET', `/api/rooms/${room.id}/calls`)).status).toBe(401);
    expect(
      (
        await api(base, 'GET', '/api/rooms/00000000-0000-4000-8000-000000000000/calls', {
          token: stranger.accessToken,
        })
      ).status,
    ).toBe(404);
  });

  it('accepts callStats only from peers in the call, and rate-limits them per socket', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const stats = { roomId: room.id, samples: [{ peerId: 'p', rttMs: 20 }] };
    expect(errorCode(await emitAck(a.socket, 'callStats', stats))).toBe('FORBIDDEN');
    await joinCall(b, room.id);
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) codes.push(errorCode(await emitAck(b.socket, 'callStats', stats)));
    expect(codes.slice(0, 9).every((c) => c === 'OK')).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
  });

  it('serves no ICE servers when none are configured', async () => {
    const { room, members } = await roomWith(base, pool, 1);
    await joinCall(members[0], room.id);
    const res = await api<IceServersResponse>(base, 'GET', '/api/rtc/ice-servers', {
      token: members[0].user.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ iceServers: [], ttl: 0 });
    expect((await api(base, 'GET', '/api/rtc/ice-servers')).status).toBe(401);
  });
});

describe('ICE servers with STUN and TURN configured', () => {
  const secret = 'turn-shared-secret-for-tests';
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({
      STUN_URLS: 'stun:127.0.0.1:3478',
      TURN_URLS: 'turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp',
      TURN_SECRET: secret,
      TURN_TTL: '600',
    });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('returns time-limited TURN credentials in the coturn use-auth-secret scheme, also in joinCall', async () => {
    // Only people in a call get TURN credentials.
    const { room, members } = await roomWith(base, pool, 1);
    const user = members[0].user;
    const joined = await joinCall(members[0], room.id);
    const before = Math.floor(Date.now() / 1000);
    const res = await api<IceServersResponse>(base, 'GET', '/api/rtc/ice-servers', {
      token: user.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.ttl).toBe(600);
    const [stun, turn] = res.body.iceServers;
    expect(stun).toEqual({ urls: 'stun:127.0.0.1:3478' });
    expect(turn?.urls).toEqual([
      'turn:127.0.0.1:3478?transport=udp',
      'turn:127.0.0.1:3478?transport=tcp',
    ]);
    const [expiry, userId] = (turn?.username ?? '').split(':');
    expect(userId).toBe(user.user.id);
    expect(Number(expiry) - before).toBeGreaterThanOrEqual(600);
    expect(Number(expiry) - before).toBeLessThanOrEqual(602);
    expect(turn?.credential).toBe(
      createHmac('sha1', secret)
        .update(turn?.username ?? '')
        .digest('base64'),
    );

    const viaSocket = joined.iceServers[1];
    expect(viaSocket?.username).toMatch(new RegExp(`^\\d+:${members[0].user.user.id}$`));
    expect(viaSocket?.credential).toBe(
      createHmac('sha1', secret)
        .update(viaSocket?.username ?? '')
        .digest('base64'),
    );
  });
});
