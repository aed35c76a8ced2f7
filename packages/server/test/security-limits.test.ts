/**
 * Issue 11, finding 6: registration, room creation, entering rooms and history have limits, and
 * `GET /api/rooms` is paginated. With MariaDB + Redis every limit is checked across two processes
 * sharing one Redis (requests alternate between them); on SQLite, within one process.
 */
import type {
  ApiErrorBody,
  AuthResponse,
  MessagePage,
  ParticipantsUpdateEvent,
  Room,
  RoomListResponse,
} from '@minimeet/contract';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, joinPayload, rememberInvite, SocketPool, unwrap } from './call-helpers';
import {
  api,
  connected,
  emitAck,
  nextEvent,
  registerUser,
  startCluster,
  type TestCluster,
  type TestServer,
  type TestUser,
} from './harness';

/** The limits at their defaults (the harness raises them for every other test). */
const DEFAULT_LIMITS = {
  LIMIT_REGISTRATIONS_PER_HOUR: '',
  LIMIT_ROOMS_PER_HOUR: '',
  LIMIT_ROOM_JOINS_PER_MINUTE: '',
  LIMIT_HISTORY_PER_MINUTE: '',
};
const STRONG_PASSWORD = 'Vq7!mZ2#pL9x-Rt4';

let cluster: TestCluster;
/** The same stack, except registration is unlimited (to make the users of the other tests). */
let helper: TestServer;
const pool = new SocketPool();
const base = (i: number): string => cluster.url(i);

beforeAll(async () => {
  cluster = await startCluster(DEFAULT_LIMITS);
  helper = await cluster.add({ LIMIT_REGISTRATIONS_PER_HOUR: '100000' });
});
afterEach(() => pool.closeAll());
afterAll(() => cluster.stop());

function register(i: number, body: Record<string, string>) {
  return api<AuthResponse | ApiErrorBody>(base(i), 'POST', '/api/auth/register', { body });
}

const fresh = (): Record<string, string> => {
  const username = `lim_${randomBytes(4).toString('hex')}`;
  return { username, email: `${username}@example.test`, password: STRONG_PASSWORD };
};

function createRooms(user: TestUser, count: number, offset = 0) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const res = await api<Room | ApiErrorBody>(base(i + offset), 'POST', '/api/rooms', {
        token: user.accessToken,
        body: { name: `Room ${i}` },
      });
      if (res.status === 201) rememberInvite(res.body as Room);
      return res;
    }),
  );
}

describe('abuse limits (finding 6)', () => {
  it('lets one address register 10 accounts an hour, counted atomically; bad bodies do not count', async () => {
    const invalid = await Promise.all(
      [0, 1, 2].map((i) => register(i, { ...fresh(), email: 'not-an-email' })),
    );
    expect(invalid.map((r) => r.status)).toEqual([400, 400, 400]);
    // 14 at once, spread over the processes: exactly 10 get an account.
    const results = await Promise.all(Array.from({ length: 14 }, (_, i) => register(i, fresh())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    const refused = results.find((r) => r.status === 429);
    expect((refused?.body as ApiErrorBody).error.code).toBe('RATE_LIMITED');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets a user create 30 rooms an hour; others are not affected', async () => {
    const [maker, other] = [await registerUser(helper.url), await registerUser(helper.url)];
    const results = await createRooms(maker, 34);
    expect(results.filter((r) => r.status === 201)).toHaveLength(30);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(4);
    expect((refused[0]?.body as ApiErrorBody).error.code).toBe('RATE_LIMITED');
    expect((await createRooms(other, 1))[0]?.status).toBe(201);
  });

  it('keeps one connection in at most 20 rooms at once', async () => {
    const [owner, visitor] = [await registerUser(helper.url), await registerUser(helper.url)];
    const rooms = (await createRooms(owner, 21)).map((r) => r.body as Room);
    const socket = pool.add(await connected(base(0), visitor.accessToken));
    for (const room of rooms.slice(0, 20)) {
      unwrap(await emitAck(socket, 'joinRoom', joinPayload(room.id)));
      pool.add(socket, room.id);
    }
    const last = rooms[20] as Room;
    const refused = await emitAck(socket, 'joinRoom', joinPayload(last.id));
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.ok ? '' : refused.error.message).toMatch(/at most 20 rooms/);
    unwrap(await emitAck(socket, 'leaveRoom', { roomId: (rooms[0] as Room).id }));
    unwrap(await emitAck(socket, 'joinRoom', joinPayload(last.id)));
    pool.add(socket, last.id);
  });

  it('limits a user to 30 room entries a minute, so join/leave cycles cannot flood members', async () => {
    const [owner, cycler, latecomer] = [
      await registerUser(helper.url),
      await registerUser(helper.url),
      await registerUser(helper.url),
    ];
    const [room] = (await createRooms(owner, 1)).map((r) => r.body as Room);
    const roomId = (room as Room).id;
    const watcher = pool.add(await connected(base(0), owner.accessToken), roomId);
    unwrap(await emitAck(watcher, 'joinRoom', joinPayload(roomId)));
    let updates = 0;
    watcher.on('participantsUpdate', () => updates++);
    // The cycler alternates between the processes: the allowance is per user, not per process.
    const sockets = await Promise.all(
      cluster.servers.map((s) => connected(s.url, cycler.accessToken).then((c) => pool.add(c))),
    );
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const socket = sockets[i % sockets.length];
      if (!socket) throw new Error('no socket');
      const joined = await emitAck(socket, 'joinRoom', joinPayload(roomId));
      codes.push(errorCode(joined));
      if (joined.ok) unwrap(await emitAck(socket, 'leaveRoom', { roomId }));
    }
    expect(codes.filter((c) => c === 'OK')).toHaveLength(30);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(10);
    // Events arrive in order: once the latecomer's update is here, every earlier one is too.
    const seen = nextEvent(watcher, 'participantsUpdate', (e: ParticipantsUpdateEvent) =>
      e.participants.some((p) => p.userId === latecomer.user.id),
    );
    const late = pool.add(await connected(base(1), latecomer.accessToken), roomId);
    unwrap(await emitAck(late, 'joinRoom', joinPayload(roomId)));
    const final = await seen;
    expect(final.participants.map((p) => p.userId).sort()).toEqual(
      [owner.user.id, latecomer.user.id].sort(),
    );
    // Two updates per allowed cycle, and one for the latecomer: the refused joins sent none.
    expect(updates).toBeLessThanOrEqual(2 * 30 + 1);
  });

  it('limits history to 60 pages a minute per user, over REST and the socket together', async () => {
    const reader = await registerUser(helper.url);
    const [room] = (await createRooms(reader, 1)).map((r) => r.body as Room);
    const roomId = (room as Room).id;
    const pages = await Promise.all(
      Array.from({ length: 62 }, (_, i) =>
        api<MessagePage | ApiErrorBody>(base(i), 'GET', `/api/rooms/${roomId}/messages?limit=100`, {
          token: reader.accessToken,
        }),
      ),
    );
    expect(pages.filter((p) => p.status === 200)).toHaveLength(60);
    expect(pages.filter((p) => p.status === 429)).toHaveLength(2);
    const socket = pool.add(await connected(base(1), reader.accessToken), roomId);
    unwrap(await emitAck(socket, 'joinRoom', joinPayload(roomId)));
    expect(errorCode(await emitAck(socket, 'loadMessageHistory', { roomId }))).toBe('RATE_LIMITED');
  });
});

describe('GET /api/rooms is paginated (finding 6)', () => {
  it('pages through the rooms, most recent activity first, without repeats', async () => {
    const user = await registerUser(helper.url);
    const created: Room[] = [];
    for (let i = 0; i < 7; i++) {
      const [res] = await createRooms(user, 1, i);
      created.push(res?.body as Room);
    }
    const oldest = created[0] as Room;
    const socket = pool.add(await connected(base(0), user.accessToken), oldest.id);
    unwrap(await emitAck(socket, 'joinRoom', joinPayload(oldest.id)));
    unwrap(
      await emitAck(socket, 'sendMessage', {
        roomId: oldest.id,
        content: 'bump',
        clientMessageId: 'bump-1',
      }),
    );

    const seen: RoomListResponse['items'] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    let i = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const res = await api<RoomListResponse>(base(i++), 'GET', `/api/rooms${query}`, {
        token: user.accessToken,
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      sizes.push(res.body.items.length);
      cursor = res.body.nextCursor;
    } while (cursor !== null);
    expect(sizes).toEqual([3, 3, 1]);
    expect(new Set(seen.map((r) => r.id)).size).toBe(7);
    // The room with the new message comes first; the rest newest first.
    expect(seen[0]?.id).toBe(oldest.id);
    expect(seen[0]?.lastMessageAt).not.toBeNull();
    const rest = seen.slice(1).map((r) => r.createdAt);
    expect(rest).toEqual([...rest].sort().reverse());

    const all = await api<RoomListResponse>(base(0), 'GET', '/api/rooms', {
      token: user.accessToken,
    });
    expect(all.body.items).toHaveLength(7);
    expect(all.body.nextCursor).toBeNull();
  });

  it('answers a bad cursor or limit with VALIDATION', async () => {
    const user = await registerUser(helper.url);
    for (const query of ['?cursor=nonsense', '?limit=101', '?limit=0', '?limit=abc']) {
      const res = await api<ApiErrorBody>(base(0), 'GET', `/api/rooms${query}`, {
        token: user.accessToken,
      });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });
});
