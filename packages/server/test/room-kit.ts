/** Helpers of the room tests (roles, settings, invite links, lobby) on a test cluster. */
import type { ApiErrorBody, Room } from '@minimeet/contract';
import { expect } from 'vitest';
import { createRoom, enter, type Member, type SocketPool } from './call-helpers';
import { api, connected, registerUser, type TestUser } from './harness';

export function roomKit(base: (i: number) => string, pool: SocketPool) {
  /** A REST request as `user` on server `i`. */
  const as = (user: TestUser, method: string, path: string, body?: unknown, i = 0) =>
    api<ApiErrorBody>(base(i), method, path, { token: user.accessToken, body });

  async function setMode(owner: TestUser, room: Room, accessMode: Room['accessMode']) {
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

  return { as, setMode, socketOf, roomWithMember };
}
