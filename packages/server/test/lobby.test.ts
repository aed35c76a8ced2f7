/**
 * Issue 9, invite links, access modes and the lobby: a non-member gets in only through the link,
 * waits in the lobby when the room asks for it, and moderators admit or deny, live. Every lobby
 * action is refused with FORBIDDEN for a member, over REST and over the socket. With MariaDB +
 * Redis the requests alternate between two processes, so lobby events reach every process.
 */
import type { InvitePreview, LobbyResponse, Room } from '@minimeet/contract';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RoomBanEntity } from '../src/database/entities/room-ban.entity';
import { createRoom, errorCode, SocketPool, unwrap } from './call-helpers';
import { api, emitAck, nextEvent, registerUser, startCluster, type TestCluster } from './harness';
import { roomKit } from './room-kit';

let cluster: TestCluster;
const pool = new SocketPool();
const base = (i: number): string => cluster.url(i);
const { as, setMode, socketOf, roomWithMember } = roomKit(base, pool);

beforeAll(async () => {
  cluster = await startCluster();
});
afterEach(() => pool.closeAll());
afterAll(() => cluster.stop());

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
      allowGuests: true,
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
