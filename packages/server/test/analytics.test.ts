import type {
  AdminOverviewResponse,
  ApiErrorBody,
  CallQualityResponse,
  RoomAnalyticsResponse,
  SelfUser,
} from '@minimeet/contract';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallParticipantEntity } from '../src/database/entities/call-participant.entity';
import { CallSessionEntity } from '../src/database/entities/call-session.entity';
import { api, emitAck, registerUser, startStack, type ClientSocket } from './harness';
import { joinCall, roomWith, SocketPool, unwrap } from './call-helpers';

const ADMIN = `admin_${randomUUID().slice(0, 8)}`;
const METRICS_TOKEN = 'metrics-token-0123456789';
const DAY = 86_400_000;

const send = async (socket: ClientSocket, roomId: string, content: string) =>
  unwrap(await emitAck(socket, 'sendMessage', { roomId, content, clientMessageId: randomUUID() }));

async function scrape(base: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('analytics', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({ ADMIN_USERNAMES: `someone_else,${ADMIN.toUpperCase()}` });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  const dashboard = (roomId: string, token: string, days?: number) =>
    api<RoomAnalyticsResponse>(
      base,
      'GET',
      `/api/rooms/${roomId}/analytics${days ? `?days=${days}` : ''}`,
      { token },
    );

  it('counts a room per day: messages, calls, call minutes, unique people and the peak', async () => {
    const { room, members } = await roomWith(base, pool, 3);
    const [owner, b, c] = members;
    for (const text of ['one', 'two', 'three']) await send(owner.socket, room.id, text);
    for (const text of ['four', 'five']) await send(b.socket, room.id, text);

    // Today, live: three people in, one leaves, a second call by one person.
    await joinCall(owner, room.id);
    await joinCall(b, room.id);
    await joinCall(c, room.id);
    for (const m of [c, b, owner])
      unwrap(await emitAck(m.socket, 'leaveCall', { roomId: room.id }));
    await joinCall(b, room.id);
    unwrap(await emitAck(b.socket, 'leaveCall', { roomId: room.id }));

    // Two days ago, written as the call history would have: known minutes and overlaps.
    const db = stack.server.app.get(DataSource);
    const day = Math.floor(Date.now() / DAY) * DAY - 2 * DAY;
    const t = (h: number, m = 0) => new Date(day + h * 3_600_000 + m * 60_000);
    const callId = randomUUID();
    await db.getRepository(CallSessionEntity).insert({
      id: callId,
      roomId: room.id,
      startedAt: t(10),
      endedAt: t(11),
    });
    const stay = (userId: string, from: Date, to: Date) => ({
      id: randomUUID(),
      callId,
      userId,
      peerId: `seed-${randomUUID()}`,
      joinedAt: from,
      leftAt: to,
    });
    await db
      .getRepository(CallParticipantEntity)
      .insert([
        stay(owner.user.user.id, t(10), t(11)),
        stay(b.user.user.id, t(10, 15), t(10, 45)),
        stay(c.user.user.id, t(10, 30), t(10, 40)),
        stay(b.user.user.id, t(10, 45), t(10, 50)),
      ]);

    const res = await dashboard(room.id, owner.user.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(30);
    const today = res.body.days[29];
    const past = res.body.days[27];
    expect(res.body.to).toBe(new Date().toISOString().slice(0, 10));
    expect(today).toMatchObject({
      messages: 5,
      calls: 2,
      uniqueParticipants: 3,
      peakConcurrent: 3,
    });
    expect(today?.callMinutes).toBeLessThan(1);
    expect(past).toEqual({
      day: new Date(day).toISOString().slice(0, 10),
      messages: 0,
      calls: 1,
      callMinutes: 60 + 30 + 10 + 5,
      uniqueParticipants: 3,
      peakConcurrent: 3,
    });
    for (const d of res.body.days.slice(0, 27)) expect(d.calls + d.messages).toBe(0);

    const short = await dashboard(room.id, owner.user.accessToken, 3);
    expect(short.body.days.map((d) => d.day)).toEqual(res.body.days.slice(27).map((d) => d.day));
  });

  it('shows a room dashboard to its owner only, and checks the query', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const member = await dashboard(room.id, members[1].user.accessToken);
    expect(member.status).toBe(403);
    expect((member.body as unknown as ApiErrorBody).error.code).toBe('FORBIDDEN');
    const stranger = await registerUser(base);
    expect((await dashboard(room.id, stranger.accessToken)).status).toBe(403);
    expect((await api(base, 'GET', `/api/rooms/${room.id}/analytics`)).status).toBe(401);
    for (const bad of ['0', '91', 'x'])
      expect(
        (
          await api(base, 'GET', `/api/rooms/${room.id}/analytics?days=${bad}`, {
            token: members[0].user.accessToken,
          })
        ).status,
      ).toBe(400);
    expect((await dashboard(randomUUID(), stranger.accessToken)).status).toBe(404);
  });

  it('keeps the quality samples and serves each participant timeline to members', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const pa = await joinCall(a, room.id);
    const pb = await joinCall(b, room.id);
    unwrap(
      await emitAck(a.socket, 'callStats', {
        roomId: room.id,
        samples: [
          { peerId: pb.peerId, rttMs: 40, packetLossPct: 1, bitrateKbps: 900, frameRate: 30 },
        ],
      }),
    );
    await new Promise((r) => setTimeout(r, 5));
    unwrap(
      await emitAck(a.socket, 'callStats', {
        roomId: room.id,
        samples: [
          { peerId: pb.peerId, rttMs: 60, packetLossPct: 3, bitrateKbps: 700, frameRate: null },
        ],
      }),
    );
    unwrap(
      await emitAck(b.socket, 'callStats', {
        roomId: room.id,
        samples: [{ peerId: pa.peerId, rttMs: 120, bitrateKbps: 500 }],
      }),
    );
    for (const m of [a, b]) unwrap(await emitAck(m.socket, 'leaveCall', { roomId: room.id }));

    const path = `/api/rooms/${room.id}/calls/${pa.callId}/quality`;
    const res = await api<CallQualityResponse>(base, 'GET', path, { token: b.user.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ callId: pa.callId, roomId: room.id });
    expect(res.body.endedAt).not.toBeNull();
    const byName = new Map(res.body.participants.map((p) => [p.user.username, p]));
    const pointsA = byName.get(a.user.user.username)?.points ?? [];
    expect(pointsA.map(({ at: _, ...rest }) => rest)).toEqual([
      { rttMs: 40, packetLossPct: 1, bitrateKbps: 900, frameRate: 30 },
      { rttMs: 60, packetLossPct: 3, bitrateKbps: 700, frameRate: null },
    ]);
    expect(Date.parse(pointsA[1]?.at ?? '')).toBeGreaterThan(Date.parse(pointsA[0]?.at ?? ''));
    expect(byName.get(b.user.user.username)?.points).toEqual([
      expect.objectContaining({ rttMs: 120, bitrateKbps: 500, packetLossPct: null }),
    ]);

    const stranger = await registerUser(base);
    expect((await api(base, 'GET', path, { token: stranger.accessToken })).status).toBe(403);
    const other = await roomWith(base, pool, 1);
    expect(
      (
        await api(base, 'GET', `/api/rooms/${other.room.id}/calls/${pa.callId}/quality`, {
          token: other.members[0].user.accessToken,
        })
      ).status,
    ).toBe(404);
  });

  it('gives administrators the server overview and tells the client who is one', async () => {
    const admin = await registerUser(base, ADMIN);
    const me = await api<SelfUser>(base, 'GET', '/api/auth/me', { token: admin.accessToken });
    expect(me.body.isAdmin).toBe(true);
    expect(admin.user.isAdmin).toBe(true);
    const { room, members } = await roomWith(base, pool, 2);
    const other = await api<SelfUser>(base, 'GET', '/api/auth/me', {
      token: members[1].user.accessToken,
    });
    expect(other.body.isAdmin).toBe(false);
    await send(members[0].socket, room.id, 'hello');
    await joinCall(members[0], room.id);

    const res = await api<AdminOverviewResponse>(base, 'GET', '/api/admin/overview', {
      token: admin.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.users).toBeGreaterThanOrEqual(3);
    expect(res.body.rooms).toBeGreaterThanOrEqual(1);
    expect(res.body.onlineNow).toBeGreaterThanOrEqual(2);
    expect(res.body.inCallsNow).toBe(1);
    expect(res.body.days).toHaveLength(30);
    expect(res.body.days[29]?.messages).toBeGreaterThanOrEqual(6);
    expect(res.body.days[27]?.callMinutes).toBe(105);

    const refused = await api<ApiErrorBody>(base, 'GET', '/api/admin/overview', {
      token: members[0].user.accessToken,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('serves Prometheus metrics to loopback, with values that move', async () => {
    const first = await scrape(base, { 'x-forwarded-for': '203.0.113.9' });
    expect(first.status).toBe(200);
    expect(first.type).toContain('text/plain');
    for (const name of [
      'minimeet_socket_connections',
      'minimeet_socket_events_received_total',
      'minimeet_socket_event_duration_seconds',
      'minimeet_messages_stored_total',
      'minimeet_calls_active',
      'minimeet_call_participants',
      'minimeet_http_requests_total',
      'minimeet_errors_total',
      'process_cpu_user_seconds_total',
    ])
      expect(first.text).toContain(`# TYPE ${name}`);

    const { room, members } = await roomWith(base, pool, 2);
    await send(members[0].socket, room.id, 'counted');
    await joinCall(members[1], room.id);
    await api(base, 'GET', `/api/rooms/${room.id}/analytics`, {
      token: members[1].user.accessToken,
    });
    await emitAck(members[0].socket, 'sendMessage', { roomId: 'nope' });
    const after = await scrape(base);
    expect(value(after.text, 'minimeet_messages_stored_total')).toBe(
      value(first.text, 'minimeet_messages_stored_total') + 1,
    );
    expect(value(after.text, 'minimeet_socket_connections')).toBeGreaterThanOrEqual(2);
    expect(value(after.text, 'minimeet_calls_active')).toBeGreaterThanOrEqual(1);
    expect(value(after.text, 'minimeet_call_participants')).toBeGreaterThanOrEqual(1);
    const sent = 'minimeet_socket_events_received_total{event="sendMessage"}';
    expect(value(after.text, sent)).toBeGreaterThan(value(first.text, sent));
    expect(
      value(after.text, 'minimeet_socket_event_duration_seconds_count{event="joinCall"}'),
    ).toBeGreaterThan(0);
    const forbidden = 'minimeet_errors_total{transport="http",code="FORBIDDEN"}';
    expect(value(after.text, forbidden)).toBeGreaterThan(value(first.text, forbidden));
    const invalid = 'minimeet_errors_total{transport="socket",code="VALIDATION"}';
    expect(value(after.text, invalid)).toBeGreaterThan(value(first.text, invalid));
    expect(after.text).toContain(
      'minimeet_http_requests_total{method="GET",route="/api/rooms/:id/analytics",status="403"}',
    );
    expect((await fetch(`${base}/api/metrics`)).status).toBe(404);
  });
});

describe('metrics with METRICS_TOKEN', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack({ METRICS_TOKEN });
  });
  afterAll(() => stack.stop());

  it('wants the bearer token, even from loopback', async () => {
    const base = stack.server.url;
    expect((await scrape(base)).status).toBe(401);
    expect((await scrape(base, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(
      401,
    );
    const ok = await scrape(base, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# TYPE minimeet_messages_stored_total counter');
  });
});
