/**
 * Issue 11, findings 3 and 5: a socket lives no longer than its session (closed when its access
 * token expires, on logout and when the refresh family is revoked after a reuse), limits count
 * per user across all their sockets, and a user or address cannot open unlimited sockets.
 */
import { TOO_MANY_CONNECTIONS_CONNECT_ERROR, type AuthResponse } from '@minimeet/contract';
import { JwtService } from '@nestjs/jwt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enter, joinPayload, SocketPool, unwrap } from './call-helpers';
import {
  api,
  connect,
  connected,
  createBackend,
  emitAck,
  refreshCookie,
  registerUser,
  startServer,
  startStack,
  useMysql,
  type ClientSocket,
  type TestBackend,
  type TestServer,
} from './harness';

type Stack = Awaited<ReturnType<typeof startStack>>;

/** Resolves with the disconnect reason, or 'still connected' after `timeoutMs`. */
function closed(socket: ClientSocket, timeoutMs = 5_000): Promise<string> {
  if (!socket.connected) return Promise.resolve('already closed');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still connected'), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

function refused(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (e) => resolve(e.message));
  });
}

describe('sockets live no longer than their session (finding 3)', () => {
  let stack: Stack;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('closes the socket when its access token expires; a fresh token reconnects', async () => {
    const user = await registerUser(base);
    // The app's own signer, with the claims of a real session but a 2-second life.
    const jwt = stack.server.app.get(JwtService);
    const { sid } = jwt.decode<{ sid: string }>(user.accessToken);
    expect(typeof sid).toBe('string');
    const short = await jwt.signAsync(
      { sub: user.user.id, username: user.user.username, sid },
      { expiresIn: 2 },
    );
    const socket = pool.add(await connected(base, short));
    const room = await createRoom(base, user);
    unwrap(await emitAck(socket, 'joinRoom', joinPayload(room.id)));
    expect(await closed(socket, 5_000)).toBe('io server disconnect');
    // Like the web client: renew the token and come back.
    const refreshed = await api<AuthResponse>(base, 'POST', '/api/auth/refresh', {
      cookie: user.cookie,
    });
    expect(refreshed.status).toBe(200);
    const again = pool.add(await connected(base, refreshed.body.accessToken));
    unwrap(await emitAck(again, 'joinRoom', joinPayload(room.id)));
  });

  it('closes every socket of the session on logout, and only those', async () => {
    const user = await registerUser(base);
    const other = await api<AuthResponse>(base, 'POST', '/api/auth/login', {
      body: { login: user.user.username, password: user.password },
    });
    expect(other.status).toBe(200);
    const room = await createRoom(base, user);
    const a = (await enter(base, pool, room.id, user)).socket;
    const b = (await enter(base, pool, room.id, user)).socket;
    const elsewhere = pool.add(await connected(base, other.body.accessToken));
    const closing = [closed(a), closed(b)];
    expect((await api(base, 'POST', '/api/auth/logout', { cookie: user.cookie })).status).toBe(204);
    expect(await Promise.all(closing)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(elsewhere.connected).toBe(true);
    expect(await closed(elsewhere, 300)).toBe('still connected');
  });

  it('closes every socket of the session when a refresh-token reuse revokes the family', async () => {
    const user = await registerUser(base);
    const room = await createRoom(base, user);
    const first = await api<AuthResponse>(base, 'POST', '/api/auth/refresh', {
      cookie: user.cookie,
    });
    expect(first.status).toBe(200);
    const rotated = refreshCookie(first.headers);
    // A socket signed in with the rotated session's newest token.
    const socket = (await enter(base, pool, room.id, { ...user, ...first.body })).socket;
    const closing = closed(socket);
    // The stolen old token comes back: the whole family is revoked.
    const replay = await api(base, 'POST', '/api/auth/refresh', { cookie: user.cookie });
    expect(replay.status).toBe(401);
    expect(await closing).toBe('io server disconnect');
    expect((await api(base, 'POST', '/api/auth/refresh', { cookie: rotated })).status).toBe(401);
  });
});

describe('limits per user, sockets capped (finding 5)', () => {
  let stack: Stack;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('with 10 sockets of one user, only 30 messages per 10 s get through', async () => {
    const user = await registerUser(base);
    const room = await createRoom(base, user);
    const sockets: ClientSocket[] = [];
    for (let i = 0; i < 10; i++) sockets.push((await enter(base, pool, room.id, user)).socket);
    const acks = await Promise.all(
      sockets.flatMap((socket, s) =>
        Array.from({ length: 10 }, (_, i) =>
          emitAck(socket, 'sendMessage', {
            roomId: room.id,
            content: `m${s}-${i}`,
            clientMessageId: `c${s}-${i}`,
          }),
        ),
      ),
    );
    const ok = acks.filter((a) => a.ok).length;
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect({ ok, limited }).toEqual({ ok: 30, limited: 70 });
  });

  it('refuses the 21st socket of a user with too_many_connections; closing one frees a place', async () => {
    const user = await registerUser(base);
    const sockets = await Promise.all(
      Array.from({ length: 20 }, async () => pool.add(await connected(base, user.accessToken))),
    );
    const extra = pool.add(connect(base, user.accessToken));
    expect(await refused(extra)).toBe(TOO_MANY_CONNECTIONS_CONNECT_ERROR);
    // Another user is not affected.
    const someone = await registerUser(base);
    pool.add(await connected(base, someone.accessToken));
    const gone = closed(sockets[0]!);
    sockets[0]!.disconnect();
    await gone;
    await new Promise((r) => setTimeout(r, 100));
    pool.add(await connected(base, user.accessToken));
  });
});

// Two app instances on one database and Redis: what one process counts or ends, the other sees.
describe.runIf(useMysql)('across two processes through Redis (findings 3 and 5)', () => {
  let backend: TestBackend;
  let one: TestServer;
  let two: TestServer;
  const pool = new SocketPool();
  beforeAll(async () => {
    backend = await createBackend();
    one = await startServer(backend.env);
    two = await startServer(backend.env);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await one.close();
    await two.close();
    await backend.cleanup();
  });

  it('the message limit is shared: 20 + 20 sends from two processes let 30 through', async () => {
    const user = await registerUser(one.url);
    const room = await createRoom(one.url, user);
    const a = (await enter(one.url, pool, room.id, user)).socket;
    const b = (await enter(two.url, pool, room.id, user)).socket;
    const acks = await Promise.all(
      [a, b].flatMap((socket, s) =>
        Array.from({ length: 20 }, (_, i) =>
          emitAck(socket, 'sendMessage', {
            roomId: room.id,
            content: `m${s}-${i}`,
            clientMessageId: `x${s}-${i}`,
          }),
        ),
      ),
    );
    expect(acks.filter((ack) => ack.ok).length).toBe(30);
  });

  it('logout on one process closes the session socket on the other', async () => {
    const user = await registerUser(one.url);
    const socket = pool.add(await connected(two.url, user.accessToken));
    const closing = closed(socket);
    expect((await api(one.url, 'POST', '/api/auth/logout', { cookie: user.cookie })).status).toBe(
      204,
    );
    expect(await closing).toBe('io server disconnect');
  });
});
