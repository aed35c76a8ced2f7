/**
 * Issue 13, guests: someone with a room's link and no account gives a name, chats and joins the
 * call in that room only, is marked "guest" to the others, cannot create rooms or enter another
 * room, and their session ends when they leave (sign out) or after a day. The owner can turn
 * guest access off; a lobby room keeps guests waiting like anyone. With MariaDB + Redis the guest
 * and the member are on different processes.
 */
import type { ApiErrorBody, AuthResponse, GuestInvitePreview, Room } from '@minimeet/contract';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserEntity } from '../src/database/entities/user.entity';
import { createRoom, enter, errorCode, SocketPool, unwrap } from './call-helpers';
import {
  api,
  connect,
  emitAck,
  nextEvent,
  refreshCookie,
  registerUser,
  startCluster,
  type TestCluster,
  type TestUser,
} from './harness';
import { roomKit } from './room-kit';

let cluster: TestCluster;
const pool = new SocketPool();
const base = (i: number): string => cluster.url(i);
const { as, setMode, socketOf } = roomKit(base, pool);

beforeAll(async () => {
  cluster = await startCluster();
});
afterEach(() => pool.closeAll());
afterAll(() => cluster.stop());

async function guestOf(room: Room, displayName: string, i = 1): Promise<TestUser> {
  const res = await api<AuthResponse>(base(i), 'POST', '/api/auth/guest', {
    body: { inviteToken: room.inviteToken, displayName },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...res.body, password: '', cookie: refreshCookie(res.headers) };
}

async function ownedRoom(name = 'Open house'): Promise<{ owner: TestUser; room: Room }> {
  const owner = await registerUser(base(0));
  return { owner, room: await createRoom(base(0), owner, name) };
}

describe('guests', () => {
  it('join by the link with a name only, chat, and are marked guest to the members', async () => {
    const { owner, room } = await ownedRoom();
    const member = await enter(base(0), pool, room.id, owner);

    const preview = await api<GuestInvitePreview>(
      base(1),
      'GET',
      `/api/auth/guest/${room.inviteToken}`,
    );
    expect(preview).toMatchObject({ status: 200, body: { name: 'Open house', allowGuests: true } });

    const guest = await guestOf(room, '  Ada  Lovelace ');
    expect(guest.user).toMatchObject({
      username: 'Ada Lovelace',
      guestOf: { roomId: room.id },
    });
    const left = Date.parse(guest.user.guestOf?.expiresAt ?? '') - Date.now();
    expect(left).toBeGreaterThan(23.9 * 3600_000);
    expect(left).toBeLessThanOrEqual(24 * 3600_000);

    const socket = await socketOf(guest, 1);
    const seen = nextEvent(member.socket, 'participantsUpdate', (e) =>
      e.participants.some((p) => p.userId === guest.user.id),
    );
    const knock = unwrap(await emitAck(socket, 'knockRoom', { inviteToken: room.inviteToken }));
    expect(knock).toEqual({ roomId: room.id, status: 'admitted' });
    unwrap(await emitAck(socket, 'joinRoom', { roomId: room.id }));
    pool.add(socket, room.id);
    const participants = (await seen).participants;
    expect(participants.find((p) => p.userId === guest.user.id)).toMatchObject({
      username: 'Ada Lovelace',
      guest: true,
    });
    expect(participants.find((p) => p.userId === owner.user.id)?.guest).toBeUndefined();

    const heard = nextEvent(member.socket, 'newMessage', (m) => m.content === 'hello from a guest');
    unwrap(
      await emitAck(socket, 'sendMessage', {
        roomId: room.id,
        content: 'hello from a guest',
        clientMessageId: 'guest-1',
      }),
    );
    expect((await heard).sender).toEqual({
      id: guest.user.id,
      username: 'Ada Lovelace',
      guest: true,
    });
    const history = await as(owner, 'GET', `/api/rooms/${room.id}/messages`);
    expect(JSON.stringify(history.body)).toContain('"guest":true');

    // The guest can be in the call like anyone.
    const call = unwrap(await emitAck(socket, 'joinCall', { roomId: room.id }));
    expect(call.peerId).toBeTruthy();
  });

  it('cannot create rooms, enter another room, or sign in with a password', async () => {
    const { room } = await ownedRoom();
    const other = (await ownedRoom('Elsewhere')).room;
    const guest = await guestOf(room, 'Grace');

    const created = await as(guest, 'POST', '/api/rooms', { name: 'Mine' }, 1);
    expect(created.status).toBe(403);
    expect(created.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Guests cannot create rooms: create an account to have your own',
    });

    const socket = await socketOf(guest, 1);
    const knocked = await emitAck(socket, 'knockRoom', { inviteToken: other.inviteToken });
    expect(knocked).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'A guest can only join the room whose link they came with',
      },
    });
    const joined = await emitAck(socket, 'joinRoom', {
      roomId: other.id,
      inviteToken: other.inviteToken,
    });
    expect(errorCode(joined)).toBe('FORBIDDEN');

    const login = await api(base(0), 'POST', '/api/auth/login', {
      body: { login: 'Grace', password: '!guest' },
    });
    expect(login.status).toBe(401);
  });

  it('with guest access off the link asks to sign in; only the owner can turn it off', async () => {
    const { owner, room } = await ownedRoom();
    const early = await guestOf(room, 'Early bird');
    const member = await enter(base(1), pool, room.id);
    const byMember = await as(member.user, 'PATCH', `/api/rooms/${room.id}`, {
      allowGuests: false,
    });
    expect(byMember.status).toBe(403);

    const off = await api<Room>(base(0), 'PATCH', `/api/rooms/${room.id}`, {
      token: owner.accessToken,
      body: { allowGuests: false },
    });
    expect(off).toMatchObject({ status: 200, body: { allowGuests: false } });

    const preview = await api<GuestInvitePreview>(
      base(1),
      'GET',
      `/api/auth/guest/${room.inviteToken}`,
    );
    expect(preview.body.allowGuests).toBe(false);
    const refused = await api<ApiErrorBody>(base(1), 'POST', '/api/auth/guest', {
      body: { inviteToken: room.inviteToken, displayName: 'Late' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('This room does not take guests: sign in to join');
    // A guest whose session began before cannot come in now either.
    const socket = await socketOf(early, 1);
    const knocked = await emitAck(socket, 'knockRoom', { inviteToken: room.inviteToken });
    expect(errorCode(knocked)).toBe('FORBIDDEN');
  });

  it('wait in the lobby of a lobby room until a moderator lets them in', async () => {
    const { owner, room } = await ownedRoom();
    await setMode(owner, room, 'lobby');
    const ownerSocket = await socketOf(owner, 0);
    unwrap(await emitAck(ownerSocket, 'joinRoom', { roomId: room.id }));
    pool.add(ownerSocket, room.id);
    const guest = await guestOf(room, 'Patient');
    const socket = await socketOf(guest, 1);
    const waiting = nextEvent(ownerSocket, 'lobbyUpdate', (e) =>
      e.waiting.some((w) => w.userId === guest.user.id),
    );
    const knock = unwrap(await emitAck(socket, 'knockRoom', { inviteToken: room.inviteToken }));
    expect(knock.status).toBe('waiting');
    await waiting;
    const admitted = nextEvent(socket, 'lobbyAdmitted');
    unwrap(await emitAck(ownerSocket, 'admitKnock', { roomId: room.id, userId: guest.user.id }));
    await admitted;
    unwrap(await emitAck(socket, 'joinRoom', { roomId: room.id }));
    pool.add(socket, room.id);
  });

  it('the session ends when the guest leaves (signs out) and after a day', async () => {
    const { room } = await ownedRoom();
    const guest = await guestOf(room, 'Brief');
    const refreshed = await api<AuthResponse>(base(0), 'POST', '/api/auth/refresh', {
      cookie: guest.cookie,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.guestOf?.roomId).toBe(room.id);
    const next = refreshCookie(refreshed.headers);
    expect((await api(base(1), 'POST', '/api/auth/logout', { cookie: next })).status).toBe(204);
    expect((await api(base(0), 'POST', '/api/auth/refresh', { cookie: next })).status).toBe(401);
    const socket = connect(base(0), refreshed.body.accessToken);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(error.message).toBe('unauthorized');

    // A day later: the refresh is refused even though its token has not run out.
    const later = await guestOf(room, 'Day tripper');
    const db = cluster.servers[0]!.app.get<DataSource>(getDataSourceToken());
    await db
      .getRepository(UserEntity)
      .update({ id: later.user.id }, { guestExpiresAt: new Date(Date.now() - 1000) });
    const expired = await api<ApiErrorBody>(base(0), 'POST', '/api/auth/refresh', {
      cookie: later.cookie,
    });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toBe('Your guest session has ended');
  });

  it('refuses bad names and links with clear errors', async () => {
    const { room } = await ownedRoom();
    for (const displayName of ['', '   ', 'x'.repeat(33), '<script>', '🙂🙂']) {
      const res = await api<ApiErrorBody>(base(0), 'POST', '/api/auth/guest', {
        body: { inviteToken: room.inviteToken, displayName },
      });
      expect(res.status, displayName).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    const unknown = await api<ApiErrorBody>(base(0), 'POST', '/api/auth/guest', {
      body: { inviteToken: 'A'.repeat(24), displayName: 'Nobody' },
    });
    expect(unknown.status).toBe(404);
    expect((await api(base(0), 'GET', '/api/auth/guest/nope')).status).toBe(404);
  });
});
