/**
 * Issue 9, rooms and roles: roles per room and room settings. Every settings and role action is
 * refused with FORBIDDEN for a member, over REST and over the socket. With MariaDB + Redis the
 * requests alternate between two processes on the same backend, so settings events are proven to
 * reach every process.
 */
import type { Room, RoomDetail, RoomMembersResponse, RoomPreview } from '@minimeet/contract';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source';
import { errorCode, SocketPool, unwrap } from './call-helpers';
import {
  api,
  createBackend,
  emitAck,
  nextEvent,
  registerUser,
  startCluster,
  type TestCluster,
} from './harness';
import { roomKit } from './room-kit';

let cluster: TestCluster;
const pool = new SocketPool();
const base = (i: number): string => cluster.url(i);
const { as, roomWithMember } = roomKit(base, pool);

beforeAll(async () => {
  cluster = await startCluster();
});
afterEach(() => pool.closeAll());
afterAll(() => cluster.stop());

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
