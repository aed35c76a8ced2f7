/**
 * Issue 11, accounts: a password policy (zxcvbn-ts), changing the password signs the other
 * sessions out, a user lists and revokes their sessions, and deletes their account (messages stay,
 * shown as "Deleted user"; the name and email can be taken again).
 */
import {
  DELETED_USER_NAME,
  type ApiErrorBody,
  type AuthResponse,
  type MessagePage,
  type SelfUser,
  type SessionListResponse,
} from '@minimeet/contract';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enter, SocketPool, unwrap } from './call-helpers';
import {
  api,
  connected,
  emitAck,
  nextEvent,
  refreshCookie,
  registerUser,
  startStack,
  type ClientSocket,
  type TestUser,
} from './harness';
import { RoomMemberEntity } from '../src/database/entities/room-member.entity';

type Stack = Awaited<ReturnType<typeof startStack>>;

const STRONG = 'Velvet-Comet-Harbor-73';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

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

/** A second sign-in of `user` (another session), optionally from a given browser. */
async function signIn(
  base: string,
  login: string,
  password: string,
  userAgent?: string,
): Promise<TestUser & { status: number }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(userAgent && { 'user-agent': userAgent }) },
    body: JSON.stringify({ login, password }),
  });
  const body = (await res.json()) as AuthResponse;
  return { ...body, password, cookie: refreshCookie(res.headers), status: res.status };
}

const refresh = (base: string, cookie: string) =>
  api<AuthResponse>(base, 'POST', '/api/auth/refresh', { cookie });
const me = (base: string, token: string) =>
  api<SelfUser | ApiErrorBody>(base, 'GET', '/api/auth/me', { token });
const sessions = (base: string, token: string) =>
  api<SessionListResponse>(base, 'GET', '/api/auth/sessions', { token });
const changePassword = (
  base: string,
  token: string,
  currentPassword: string,
  newPassword: string,
) =>
  api<ApiErrorBody | null>(base, 'POST', '/api/auth/password', {
    token,
    body: { currentPassword, newPassword },
  });
const deleteAccount = (base: string, token: string, password: string) =>
  api<ApiErrorBody | null>(base, 'DELETE', '/api/auth/me', { token, body: { password } });

describe('accounts', () => {
  let stack: Stack;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  const sidOf = (token: string): string =>
    stack.server.app.get(JwtService).decode<{ sid: string }>(token).sid;

  describe('password policy', () => {
    const register = (username: string, password: string) =>
      api<ApiErrorBody>(base, 'POST', '/api/auth/register', {
        body: { username, email: `${username}@example.test`, password },
      });

    it('refuses common and weak passwords at registration, saying why', async () => {
      for (const password of ['password1', 'P@ssw0rd!', 'qwertyuiop', 'iloveyou12']) {
        const res = await register(`weak_${randomUUID().slice(0, 8)}`, password);
        expect(res.status, password).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION');
        expect(res.body.error.fields?.password?.[0]).toMatch(/common|guess/i);
      }
      const guessable = await register(`weak_${randomUUID().slice(0, 8)}`, 'longenough');
      expect(guessable.status).toBe(400);
      expect(guessable.body.error.fields?.password?.[0]).toMatch(/\w+ \w+/);
    });

    it('refuses a password that contains the username or the email name', async () => {
      const name = `marguerite_${randomUUID().slice(0, 4)}`;
      const withName = await register(name, `${name.toUpperCase()}-Tide-19!`);
      expect(withName.status).toBe(400);
      expect(withName.body.error.fields?.password?.[0]).toMatch(/username or email/);
      const byEmail = await api<ApiErrorBody>(base, 'POST', '/api/auth/register', {
        body: { username: name, email: 'zanzibar.q@example.test', password: 'Zanzibar.Q-Tide-19' },
      });
      expect(byEmail.status).toBe(400);
      expect((await register(name, STRONG)).status).toBe(201);
    });

    it('refuses a weak new password when changing it, and keeps the old one', async () => {
      const user = await registerUser(base);
      const res = await changePassword(base, user.accessToken, user.password, 'password123');
      expect(res.status).toBe(400);
      expect(res.body?.error.fields?.newPassword?.[0]).toMatch(/common/i);
      expect((await signIn(base, user.user.username, user.password)).status).toBe(200);
    });
  });

  describe('change password', () => {
    it('signs out every other session (refresh refused, socket closed) and keeps this one', async () => {
      const user = await registerUser(base);
      const other = await signIn(base, user.user.username, user.password);
      const room = await createRoom(base, user);
      const mine = (await enter(base, pool, room.id, user)).socket;
      const theirs = (await enter(base, pool, room.id, other)).socket;
      const theirsClosed = closed(theirs);

      const res = await changePassword(base, user.accessToken, user.password, STRONG);
      expect(res.status).toBe(204);
      expect(await theirsClosed).toBe('io server disconnect');
      expect((await refresh(base, other.cookie)).status).toBe(401);
      expect((await me(base, other.accessToken)).status).toBe(401);

      // This session goes on: its socket, its token and its refresh cookie.
      expect(mine.connected).toBe(true);
      expect((await me(base, user.accessToken)).status).toBe(200);
      expect((await refresh(base, user.cookie)).status).toBe(200);

      expect((await signIn(base, user.user.username, user.password)).status).toBe(401);
      expect((await signIn(base, user.user.email, STRONG)).status).toBe(200);
    });

    it('refuses a wrong current password, counted with the sign-in attempts', async () => {
      const user = await registerUser(base);
      const wrong = await changePassword(base, user.accessToken, 'not-my-password', STRONG);
      expect(wrong.status).toBe(400);
      expect(wrong.body?.error.fields?.currentPassword?.[0]).toMatch(/not your current password/);
      for (let i = 0; i < 4; i++)
        await changePassword(base, user.accessToken, `guess-${i}-of-mine`, STRONG);
      // Five wrong guesses: the sixth waits, even with the right password, and so does sign-in.
      const limited = await changePassword(base, user.accessToken, user.password, STRONG);
      expect(limited.status).toBe(429);
      expect((await signIn(base, user.user.username, user.password)).status).toBe(429);
      expect((await me(base, user.accessToken)).status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('lists the live sessions with the current one marked and a device label', async () => {
      const user = await registerUser(base);
      const firefox = await signIn(base, user.user.username, user.password, FIREFOX_LINUX);
      const res = await sessions(base, firefox.accessToken);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(2);
      const current = res.body.items.filter((s) => s.current);
      expect(current).toHaveLength(1);
      expect(current[0]).toMatchObject({
        id: sidOf(firefox.accessToken),
        device: 'Firefox on Linux',
      });
      expect(current[0]?.ip).toMatch(/127\.0\.0\.1/);
      const fromRegister = res.body.items.find((s) => !s.current);
      expect(fromRegister?.id).toBe(sidOf(user.accessToken));
      // The other session sees the same two, with itself marked.
      const seenByOther = await sessions(base, user.accessToken);
      expect(seenByOther.body.items.find((s) => s.current)?.id).toBe(sidOf(user.accessToken));
    });

    it('revoking a session closes its socket and its tokens stop working', async () => {
      const user = await registerUser(base);
      const other = await signIn(base, user.user.username, user.password);
      const socket = pool.add(await connected(base, user.accessToken));
      const socketClosed = closed(socket);
      const res = await api(base, 'DELETE', `/api/auth/sessions/${sidOf(user.accessToken)}`, {
        token: other.accessToken,
      });
      expect(res.status).toBe(204);
      expect(await socketClosed).toBe('io server disconnect');
      expect((await refresh(base, user.cookie)).status).toBe(401);
      expect((await me(base, user.accessToken)).status).toBe(401);
      const left = await sessions(base, other.accessToken);
      expect(left.body.items.map((s) => s.id)).toEqual([sidOf(other.accessToken)]);
      // The revoked token cannot open a new socket either.
      await expect(connected(base, user.accessToken)).rejects.toThrow(/unauthorized/);
    });

    it("answers 404 for someone else's session and for an unknown id, alike", async () => {
      const owner = await registerUser(base);
      const stranger = await registerUser(base);
      const target = sidOf(owner.accessToken);
      const theirs = await api<ApiErrorBody>(base, 'DELETE', `/api/auth/sessions/${target}`, {
        token: stranger.accessToken,
      });
      const unknown = await api<ApiErrorBody>(
        base,
        'DELETE',
        `/api/auth/sessions/${randomUUID()}`,
        { token: stranger.accessToken },
      );
      expect(theirs.status).toBe(404);
      expect(theirs.body.error.code).toBe('NOT_FOUND');
      expect(unknown.body).toEqual(theirs.body);
      expect((await refresh(base, owner.cookie)).status).toBe(200);
    });

    it('needs a signed-in user', async () => {
      expect((await api(base, 'GET', '/api/auth/sessions')).status).toBe(401);
    });
  });

  describe('delete account', () => {
    it('refuses a wrong password and loses nothing', async () => {
      const user = await registerUser(base);
      const room = await createRoom(base, user);
      const res = await deleteAccount(base, user.accessToken, 'not-my-password');
      expect(res.status).toBe(400);
      expect(res.body?.error.fields?.password?.[0]).toMatch(/not your current password/);
      expect((await me(base, user.accessToken)).status).toBe(200);
      expect((await signIn(base, user.user.username, user.password)).status).toBe(200);
      const rooms = await api<{ items: { id: string }[] }>(base, 'GET', '/api/rooms', {
        token: user.accessToken,
      });
      expect(rooms.body.items.map((r) => r.id)).toContain(room.id);
    });

    it('signs out everywhere, keeps the messages as "Deleted user", frees the name', async () => {
      const user = await registerUser(base);
      const friend = await registerUser(base);
      const room = await createRoom(base, friend);
      const mine = (await enter(base, pool, room.id, user)).socket;
      const theirs = (await enter(base, pool, room.id, friend)).socket;
      const sent = unwrap(
        await emitAck(mine, 'sendMessage', {
          roomId: room.id,
          content: 'goodbye all',
          clientMessageId: 'bye-1',
        }),
      );
      const mineClosed = closed(mine);
      const gone = nextEvent(theirs, 'participantsUpdate', (e) =>
        e.participants.every((p) => p.userId !== user.user.id),
      );

      const res = await deleteAccount(base, user.accessToken, user.password);
      expect(res.status).toBe(204);
      expect(res.headers.getSetCookie().join(';')).toMatch(/mm_refresh=;/);
      expect(await mineClosed).toBe('io server disconnect');
      await gone;

      // Cannot sign in, refresh or use the old token.
      expect((await signIn(base, user.user.username, user.password)).status).toBe(401);
      expect((await signIn(base, user.user.email, user.password)).status).toBe(401);
      expect((await refresh(base, user.cookie)).status).toBe(401);
      expect((await me(base, user.accessToken)).status).toBe(401);

      // The room's history keeps the message, by "Deleted user" with no trace of the name.
      const history = await api<MessagePage>(base, 'GET', `/api/rooms/${room.id}/messages`, {
        token: friend.accessToken,
      });
      const kept = history.body.items.find((m) => m.id === sent.message.id);
      expect(kept).toMatchObject({
        content: 'goodbye all',
        sender: { id: user.user.id, username: DELETED_USER_NAME },
      });
      expect(JSON.stringify(history.body)).not.toContain(user.user.username);

      // No room memberships are left.
      const members = await stack.server.app
        .get(DataSource)
        .getRepository(RoomMemberEntity)
        .countBy({ userId: user.user.id });
      expect(members).toBe(0);

      // The name and the email can be registered again, by someone new.
      const again = await api<AuthResponse>(base, 'POST', '/api/auth/register', {
        body: { username: user.user.username, email: user.user.email, password: STRONG },
      });
      expect(again.status).toBe(201);
      expect(again.body.user.id).not.toBe(user.user.id);
    });

    it('a second deleted account does not collide with the first', async () => {
      for (let i = 0; i < 2; i++) {
        const user = await registerUser(base);
        expect((await deleteAccount(base, user.accessToken, user.password)).status).toBe(204);
      }
    });
  });
});
