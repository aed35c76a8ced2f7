/** Helpers for the call tests: rooms, members with a joined socket, and ack unwrapping. */
import type { Ack, JoinCallResult, JoinRoomPayload, MediaFlags, Room } from '@minimeet/contract';
import { api, connected, emitAck, registerUser, type ClientSocket, type TestUser } from './harness';

export interface Member {
  user: TestUser;
  socket: ClientSocket;
}

/**
 * Closes every socket a test opened. Sockets leave their rooms first (acked), so no disconnect
 * cleanup is still writing to Redis when the server stops after the last test.
 */
export class SocketPool {
  private readonly sockets = new Map<ClientSocket, Set<string>>();

  add(socket: ClientSocket, roomId?: string): ClientSocket {
    const rooms = this.sockets.get(socket) ?? new Set<string>();
    if (roomId) rooms.add(roomId);
    this.sockets.set(socket, rooms);
    return socket;
  }

  async closeAll(): Promise<void> {
    const entries = [...this.sockets];
    this.sockets.clear();
    await Promise.all(
      entries.map(async ([socket, rooms]) => {
        if (socket.connected)
          for (const roomId of rooms) await emitAck(socket, 'leaveRoom', { roomId });
        socket.disconnect();
      }),
    );
  }
}

export function unwrap<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

export function errorCode<T>(ack: Ack<T>): string {
  return ack.ok ? 'OK' : ack.error.code;
}

/** Invite tokens of the rooms the tests created, by room id. */
const inviteTokens = new Map<string, string>();

/** The joinRoom payload of someone who has the room's invite link (members need only the id). */
export function joinPayload(roomId: string): JoinRoomPayload {
  const inviteToken = inviteTokens.get(roomId);
  return inviteToken ? { roomId, inviteToken } : { roomId };
}

/** Remembers a room's invite link, so `enter` and `joinPayload` come in through it. */
export function rememberInvite(room: Pick<Room, 'id' | 'inviteToken'>): void {
  inviteTokens.set(room.id, room.inviteToken);
}

export async function createRoom(base: string, owner: TestUser, name = 'Standup'): Promise<Room> {
  const res = await api<Room>(base, 'POST', '/api/rooms', {
    token: owner.accessToken,
    body: { name },
  });
  if (res.status !== 201) throw new Error(`create room failed: ${res.status}`);
  rememberInvite(res.body);
  return res.body;
}

/** A socket of `user` (a new user when omitted) that joined the room through its invite link. */
export async function enter(
  base: string,
  pool: SocketPool,
  roomId: string,
  user?: TestUser,
): Promise<Member> {
  const who = user ?? (await registerUser(base));
  const socket = pool.add(await connected(base, who.accessToken));
  unwrap(await emitAck(socket, 'joinRoom', joinPayload(roomId)));
  pool.add(socket, roomId);
  return { user: who, socket };
}

export async function joinCall(
  member: Member,
  roomId: string,
  media?: MediaFlags,
): Promise<JoinCallResult> {
  return unwrap(await emitAck(member.socket, 'joinCall', media ? { roomId, media } : { roomId }));
}

type Tuple<N extends number, T, R extends T[] = []> = R['length'] extends N
  ? R
  : Tuple<N, T, [...R, T]>;

/** A room with `count` members, each with a joined socket. */
export async function roomWith<N extends number>(
  base: string,
  pool: SocketPool,
  count: N,
): Promise<{ room: Room; members: Tuple<N, Member> }> {
  const owner = await registerUser(base);
  const room = await createRoom(base, owner);
  const members = [await enter(base, pool, room.id, owner)];
  for (let i = 1; i < count; i++) members.push(await enter(base, pool, room.id));
  return { room, members: members as Tuple<N, Member> };
}

export const fakeSdp = (type: 'offer' | 'answer', length = 200) => ({
  type,
  sdp: `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n${'a=x\r\n'.repeat(Math.max(0, Math.ceil((length - 40) / 5)))}`.slice(
    0,
    length,
  ),
});

/** Records every event of one name, to assert later that some were never delivered. */
export function record<T>(
  socket: ClientSocket,
  event: 'webrtc-offer' | 'callPeerLeft' | 'callPeerJoined',
): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: unknown) => seen.push(payload as T));
  return seen;
}
