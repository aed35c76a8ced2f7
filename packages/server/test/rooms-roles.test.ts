/**
 * Issue 9, rooms and roles: roles per room, room settings, invite links, access modes and the
 * lobby. Every settings, role and lobby action is refused with FORBIDDEN for a member, over REST
 * and over the socket. With MariaDB + Redis the requests alternate between two processes on the
 * same backend, so lobby and settings events are proven to reach every process.
 */
import type {
  ApiErrorBody,
  InvitePreview,
  LobbyResponse,
  Room,
  RoomDetail,
  RoomMembersResponse,
  RoomPreview,
} from '@minimeet/contract';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source';
import { RoomBanEntity } from '../src/database/entities/room-ban.entity';
import { createRoom, enter, errorCode, SocketPool, unwrap, type Member } from './call-helpers';
import {
  api,
  connected,
  createBackend,
  emitAck,
  nextEvent,
  registerUser,
  startCluster,
  type TestCluster,
  type TestUser,
} from './harness';

let cluster: TestCluster;
const pool = new SocketPool();
const base = (i: number): string => cluster.url(i);

beforeAll(async () => {
  cluster = await startCluster();
});
afterEach(() => pool.closeAll());
afterAll(() => cluster.stop());

const as = (user: TestUser, method: string, path: string, body?: unknown, i = 0) =>
  api<ApiErrorBody>(base(i), method, path, { token: user.accessToken, body });

async function setMode(owner: TestUser, room: Room, accessMode: Room['accessMode']): Promise<void> {
  const res = await as(owner, 'PATCH', `/api/rooms/${room.id}`, { accessMode });
  expect(res.status).toBe(200);
}

/** A socket of `user` on server `i`, not in any room. */
async function socketOf(user: TestUser, i: number) {
  return pool.add(await connected(base(i), user.accessToken));
}

/** A room whose owner is in it on server 0, with one more member in it on server 1. */
async function roomWithMember(): Promise<{ room: Room; owner: Member; member: Member }> {
  const ownerUser = await registerUser(base(0));
  const room = await createRoom(base(0), ownerUser, 'Weekly');
  const owner = await enter(base(0), pool, room.id, ownerUser);
  const member = await enter(base(1), pool, room.id);
  return { room, owner, member };
}

describe('roles', () => {
  it('the creator is the owner; members see roles and the invite token, others a preview', async () => {
    const { room, owner, member } = await roomWithMember();
    const stranger = await registerUser(base(0));
    const detail = await api<RoomDetail>(base(1), 'GET', `/api/rooms/${room.id}`, {
      token: member.user.accessToken,
    });
    expect(detail.body).toMatchObject({
      role: 'member',
      inviteToken: room.inviteToken,
      accessMode: 'open',
      description: '',
    });
    const preview = await api<RoomPreview>(base(0), 'GET', `/api/rooms/${room.id}`, {
      token: stranger.accessToken,
    });
    expect(preview.body).toEqual({ id: room.id, name: 'Weekly' });

    const members = await api<RoomMembersResponse>(
      base(1),
      'GET',
      `/api/rooms/${room.id}/members`,
      {
        token: member.user.accessToken,
      },
    );
    expect(members.body.items.map((m) => [m.user.id, m.role])).toEqual([
      [owner.user.user.id, 'owner'],
      [member.user.user.id, 'member'],
    ]);
    expect((await as(stranger, 'GET', `/api/rooms/${room.id}/members`)).status).toBe(403);
  });

  it('the owner promotes and demotes moderators; the room hears it in every process', async () => {
    const { room, owner, member } = await roomWithMember();
    const heard = nextEvent(member.socket, 'memberRoleChanged');
    const path = `/api/rooms/${room.id}/members/${member.user.user.id}/role`;
    const promoted = await as(owner.user, 'PUT', path, { role: 'moderator' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'moderator' });
    expect(await heard).toEqual({
      roomId: room.id,
      userId: member.user.user.id,
      role: 'moderator',
    });

    // A moderator may change the settings, but not roles, the link or the room's existence.
    expect(
      (await as(member.user, 'PATCH', `/api/rooms/${room.id}`, { name: 'Mod' }, 1)).status,
    ).toBe(200);
    const ownerPath = `/api/rooms/${room.id}/members/${owner.user.user.id}/role`;
    for (const [method, p, body] of [
      ['PUT', ownerPath, { role: 'member' }],
      ['POST', `/api/rooms/${room.id}/invite`, undefined],
      ['DELETE', `/api/rooms/${room.id}`, undefined],
    ] as const) {
      const res = await as(member.user, method, p, body, 1);
      expect([method, p, res.status, res.body?.error.code]).toEqual([method, p, 403, 'FORBIDDEN']);
    }
    // The owner's own role never changes.
    expect((await as(owner.user, 'PUT', ownerPath, { role: 'member' })).status).toBe(400);

    expect((await as(owner.user, 'PUT', path, { role: 'member' })).status).toBe(200);
    expect(
      (await as(member.user, 'PATCH', `/api/rooms/${room.id}`, { name: 'No' }, 1)).status,
    ).toBe(403);
  });

  it('every settings, role and lobby action is FORBIDDEN for a member, over REST and the socket', async () => {
    const { room, member, owner } = await roomWithMember();
    const id = room.id;
    const other = owner.user.user.id;
    const rest: [string, string, unknown?][] = [
      ['PATCH', `/api/rooms/${id}`, { name: 'Mine now' }],
      ['PATCH', `/api/rooms/${id}`, { accessMode: 'locked' }],
      ['DELETE', `/api/rooms/${id}`],
      ['POST', `/api/rooms/${id}/invite`],
      ['PUT', `/api/rooms/${id}/members/${member.user.user.id}/role`, { role: 'moderator' }],
      ['GET', `/api/rooms/${id}/lobby`],
      ['POST', `/api/rooms/${id}/lobby/${other}/admit`],
      ['POST', `/api/rooms/${id}/lobby/${other}/deny`],
    ];
    for (const [method, path, body] of rest) {
      const res = await as(member.user, method, path, body, 1);
      expect([method, path, res.status, res.body?.error.code]).toEqual([
        method,
        path,
        403,
        'FORBIDDEN',
      ]);
    }
    for (const event of ['admitKnock', 'denyKnock'] as const) {
      const ack = await emitAck(member.socket, event, { roomId: id, userId: other });
      expect([event, errorCode(ack)]).toEqual([event, 'FORBIDDEN']);
    }
    // Nothing changed.
    const after = await api<RoomDetail>(base(0), 'GET', `/api/rooms/${id}`, {
      token: owner.user.accessToken,
    });
    expect(after.body).toMatchObject({ name: 'Weekly', accessMode: 'open' });
  });
});

describe('room settings', () => {
  it('a rename, description, limit and access mode reach the members live', async () => {
    const { room, owner, member } = await roomWithMember();
    const heard = nextEvent(member.socket, 'roomUpdated');
    const res = await api<Room>(base(0), 'PATCH', `/api/rooms/${room.id}`, {
      token: owner.user.accessToken,
      body: { name: '  Retro\u202e ', description: 'Every Friday', maxParticipants: 12 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Retro',
      description: 'Every Friday',
      maxParticipants: 12,
    });
    expect(await heard).toMatchObject({ id: room.id, name: 'Retro', description: 'Every Friday' });

    const bad = await as(owner.user, 'PATCH', `/api/rooms/${room.id}`, {
      name: '',
      accessMode: 'secret',
      maxParticipants: 1,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {}).sort()).toEqual([
      'accessMode',
      'maxParticipants',
      'name',
    ]);
  });

  it('deleting a room removes its data; the people in it are told, and it is gone', async () => {
    const { room, owner, member } = await roomWithMember();
    unwrap(
      await emitAck(member.socket, 'sendMessage', {
        roomId: room.id,
        content: 'soon gone',
        clientMessageId: 'gone-1',
      }),
    );
    const told = nextEvent(member.socket, 'roomDeleted');
    expect((await as(owner.user, 'DELETE', `/api/rooms/${room.id}`)).status).toBe(204);
    expect(await told).toEqual({ roomId: room.id });

    expect((await as(owner.user, 'GET', `/api/rooms/${room.id}`)).status).toBe(404);
    expect(
      (await as(member.user, 'GET', `/api/invites/${room.inviteToken}`, undefined, 1)).status,
    ).toBe(404);
    expect(errorCode(await emitAck(member.socket, 'joinRoom', { roomId: room.id }))).toBe(
      'NOT_FOUND',
    );
    const db = cluster.servers[0]!.app.get<DataSource>(getDataSourceToken());
    for (const table of ['messages', 'room_members', 'room_bans', 'call_sessions']) {
      const [row] = await db.query<{ n: number | string }[]>(
        `SELECT COUNT(*) AS n FROM ${table} WHERE room_id = ?`,
        [room.id],
      );
      expect([table, Number(row?.n)]).toEqual([table, 0]);
    }
  });
});

describe('invite links', () => {
  it('a non-member comes in only with the current token; regenerating kills the old link', async () => {
    const owner = await registerUser(base(0));
    const room = await createRoom(base(0), owner, 'Link');
    const guest = await registerUser(base(1));
    const socket = await socketOf(guest, 1);

    expect(errorCode(await emitAck(socket, 'joinRoom', { roomId: room.id }))).toBe('FORBIDDEN');
    const preview = await api<InvitePreview>(base(1), 'GET', `/api/invites/${room.inviteToken}`, {
      token: guest.accessToken,
    });
    expect(preview.body).toEqual({
      roomId: room.id,
      name: 'Link',
      description: '',
      accessMode: 'open',
      member: false,
    });
    expect(
      (await as(guest, 'GET', '/api/invites/not-a-real-token-at-all', undefined, 1)).status,
    ).toBe(404);

    const fresh = await api<Room>(base(0), 'POST', `/api/rooms/${room.id}/invite`, {
      token: owner.accessToken,
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.inviteToken).not.toBe(room.inviteToken);
    expect((await as(guest, 'GET', `/api/invites/${room.inviteToken}`, undefined, 1)).status).toBe(
      404,
    );
    const old = await emitAck(socket, 'joinRoom', {
      roomId: room.id,
      inviteToken: room.inviteToken,
    });
    expect(errorCode(old)).toBe('FORBIDDEN');
    const joined = unwrap(
      await emitAck(socket, 'joinRoom', { roomId: room.id, inviteToken: fresh.body.inviteToken }),
    );
    pool.add(socket, room.id);
    expect(joined.room.role).toBe('member');
    // A member comes back with the room id alone.
    const again = await socketOf(guest, 0);
    unwrap(await emitAck(again, 'joinRoom', { roomId: room.id }));
    pool.add(again, room.id);
  });

  it('a locked room takes no new members, but its members still come in', async () => {
    const { room, owner, member } = await roomWithMember();
    await setMode(owner.user, room, 'locked');
    const guest = await registerUser(base(1));
    const socket = await socketOf(guest, 1);
    const link = { roomId: room.id, inviteToken: room.inviteToken };
    const refused = await emitAck(socket, 'joinRoom', link);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ROOM_LOCKED', message: 'This room is locked' },
    });
    const knocked = await emitAck(socket, 'knockRoom', { inviteToken: room.inviteToken });
    expect(errorCode(knocked)).toBe('ROOM_LOCKED');
    const back = await socketOf(member.user, 0);
    unwrap(await emitAck(back, 'joinRoom', { roomId: room.id }));
    pool.add(back, room.id);
  });

  it('a banned user cannot come back, with or without the link', async () => {
    const { room, owner, member } = await roomWithMember();
    const db = cluster.servers[0]!.app.get<DataSource>(getDataSourceToken());
    const outsider = await registerUser(base(0));
    for (const user of [member.user, outsider]) {
      await db.getRepository(RoomBanEntity).insert({
        roomId: room.id,
        userId: user.user.id,
        bannedBy: owner.user.user.id,
        createdAt: new Date(),
      });
    }
    const link = { roomId: room.id, inviteToken: room.inviteToken };
    for (const user of [member.user, outsider]) {
      const socket = await socketOf(user, 1);
      expect(errorCode(await emitAck(socket, 'joinRoom', link))).toBe('FORBIDDEN');
      expect(errorCode(await emitAck(socket, 'knockRoom', { inviteToken: room.inviteToken }))).toBe(
        'FORBIDDEN',
      );
    }
  });
});

describe('the lobby', () => {
  it('someone with the link waits; a moderator in another process sees them and admits them', async () => {
    const { room, owner, member } = await roomWithMember();
    await setMode(owner.user, room, 'lobby');
    // The member becomes a moderator: both of them hear the waiting list.
    await as(owner.user, 'PUT', `/api/rooms/${room.id}/members/${member.user.user.id}/role`, {
      role: 'moderator',
    });
    const guest = await registerUser(base(1));
    const guestSocket = await socketOf(guest, 1);

    // The link alone does not get in: joinRoom sends them to knock.
    const link = { roomId: room.id, inviteToken: room.inviteToken };
    expect(errorCode(await emitAck(guestSocket, 'joinRoom', link))).toBe('FORBIDDEN');

    const ownerSees = nextEvent(owner.socket, 'lobbyUpdate', (e) => e.waiting.length === 1);
    const modSees = nextEvent(member.socket, 'lobbyUpdate', (e) => e.waiting.length === 1);
    const knock = unwrap(
      await emitAck(guestSocket, 'knockRoom', { inviteToken: room.inviteToken }),
    );
    expect(knock).toEqual({ roomId: room.id, status: 'waiting' });
    const seen = await ownerSees;
    expect(seen.waiting).toMatchObject([{ userId: guest.user.id, username: guest.user.username }]);
    await modSees;
    const listed = await api<LobbyResponse>(base(1), 'GET', `/api/rooms/${room.id}/lobby`, {
      token: member.user.accessToken,
    });
    expect(listed.body.items.map((e) => e.userId)).toEqual([guest.user.id]);

    // The owner (process 0) admits the guest (process 1).
    const admitted = nextEvent(guestSocket, 'lobbyAdmitted');
    const emptied = nextEvent(member.socket, 'lobbyUpdate', (e) => e.waiting.length === 0);
    unwrap(await emitAck(owner.socket, 'admitKnock', { roomId: room.id, userId: guest.user.id }));
    expect(await admitted).toEqual({ roomId: room.id });
    await emptied;
    const joined = unwrap(await emitAck(guestSocket, 'joinRoom', { roomId: room.id }));
    pool.add(guestSocket, room.id);
    expect(joined.room.role).toBe('member');
    // Answering twice: nobody is waiting any more.
    expect(
      errorCode(
        await emitAck(member.socket, 'admitKnock', { roomId: room.id, userId: guest.user.id }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('a denied person is told and stays out; leaving or closing the page stops the wait', async () => {
    const { room, owner } = await roomWithMember();
    await setMode(owner.user, room, 'lobby');
    const [denied, quitter, closer] = [
      await registerUser(base(1)),
      await registerUser(base(1)),
      await registerUser(base(0)),
    ];
    const deniedSocket = await socketOf(denied, 1);
    const quitterSocket = await socketOf(quitter, 1);
    const closerSocket = await socketOf(closer, 0);
    const three = nextEvent(owner.socket, 'lobbyUpdate', (e) => e.waiting.length === 3);
    for (const socket of [deniedSocket, quitterSocket, closerSocket])
      unwrap(await emitAck(socket, 'knockRoom', { inviteToken: room.inviteToken }));
    await three;

    const told = nextEvent(deniedSocket, 'lobbyDenied');
    const res = await as(
      owner.user,
      'POST',
      `/api/rooms/${room.id}/lobby/${denied.user.id}/deny`,
      undefined,
      1,
    );
    expect(res.status).toBe(200);
    expect(await told).toEqual({ roomId: room.id });
    expect(errorCode(await emitAck(deniedSocket, 'joinRoom', { roomId: room.id }))).toBe(
      'FORBIDDEN',
    );

    const none = nextEvent(owner.socket, 'lobbyUpdate', (e) => e.waiting.length === 0);
    unwrap(await emitAck(quitterSocket, 'leaveLobby', { roomId: room.id }));
    closerSocket.disconnect();
    await none;
    const lobby = async () =>
      (
        await api<LobbyResponse>(base(0), 'GET', `/api/rooms/${room.id}/lobby`, {
          token: owner.user.accessToken,
        })
      ).body.items;
    expect(await lobby()).toEqual([]);
  });

  it('opening the room lets everyone waiting in', async () => {
    const { room, owner } = await roomWithMember();
    await setMode(owner.user, room, 'lobby');
    const guest = await registerUser(base(1));
    const socket = await socketOf(guest, 1);
    unwrap(await emitAck(socket, 'knockRoom', { inviteToken: room.inviteToken }));
    const admitted = nextEvent(socket, 'lobbyAdmitted');
    await setMode(owner.user, room, 'open');
    expect(await admitted).toEqual({ roomId: room.id });
    unwrap(await emitAck(socket, 'joinRoom', { roomId: room.id }));
    pool.add(socket, room.id);
  });
});

describe('migration 1766300000000', () => {
  it('gives existing owners the owner role, others member, and every room its own token', async () => {
    const own = await createBackend();
    const config = loadConfig({ ...own.env, JWT_SECRET: 'x'.repeat(20), NODE_ENV: 'test' });
    const db = new DataSource(dataSourceOptions(config.database));
    await db.initialize();
    try {
      // Back to the schema before roles (migrations added later are undone first).
      for (let undone = ''; undone !== 'RoomRoles1766300000000';) {
        const [last] = await db.query<{ name: string }[]>(
          'SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1',
        );
        await db.undoLastMigration();
        undone = last?.name ?? 'RoomRoles1766300000000';
      }
      const at = '2026-01-01 00:00:00.000';
      const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
      const [owner, guest] = [
        'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      ];
      for (const id of ids) {
        await db.query(
          'INSERT INTO rooms (id, name, owner_id, max_participants, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?)',
          [id, 'Old', owner, 10, at, at],
        );
        for (const user of [owner, guest])
          await db.query(
            'INSERT INTO room_members (room_id, user_id, joined_at) VALUES (?, ?, ?)',
            [id, user, at],
          );
      }
      await db.runMigrations();
      const members = await db.query<{ userId: string; role: string }[]>(
        'SELECT user_id AS userId, role FROM room_members ORDER BY room_id, user_id',
      );
      expect(members.map((m) => [m.userId, m.role])).toEqual([
        [owner, 'owner'],
        [guest, 'member'],
        [owner, 'owner'],
        [guest, 'member'],
      ]);
      const rooms = await db.query<{ token: string; mode: string; description: string }[]>(
        'SELECT invite_token AS token, access_mode AS mode, description FROM rooms',
      );
      expect(new Set(rooms.map((r) => r.token)).size).toBe(2);
      expect(rooms.every((r) => /^[A-Za-z0-9_-]{24}$/.test(r.token))).toBe(true);
      expect(rooms.map((r) => [r.mode, r.description])).toEqual([
        ['open', ''],
        ['open', ''],
      ]);
    } finally {
      await db.destroy();
      await own.cleanup();
    }
  });
});
