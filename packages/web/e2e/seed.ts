import type {
  Ack,
  ClientToServerEvents,
  JoinCallResult,
  JoinRoomResult,
  Room,
  SendMessageResult,
  ServerToClientEvents,
} from '@minimeet/contract';
import { io, type Socket } from 'socket.io-client';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AckingSocket = {
  timeout: (ms: number) => {
    emit: (event: string, payload: unknown, cb: (err: Error | null, res: unknown) => void) => void;
  };
};

function ask<T>(
  socket: ChatSocket,
  event: keyof ClientToServerEvents,
  payload: unknown,
): Promise<Ack<T>> {
  return new Promise((ok, fail) => {
    (socket as unknown as AckingSocket)
      .timeout(5000)
      .emit(event, payload, (err, res) => (err ? fail(err) : ok(res as Ack<T>)));
  });
}

/**
 * Posts many messages through real Socket.IO clients (as the app does). The server limits how
 * fast one user may send (30 per 10 s), so the work is spread over several users, `perUser`
 * messages each: pass at least ceil(contents / perUser) tokens. They come in through the room's
 * invite link.
 */
export async function seedMessages(
  baseUrl: string,
  tokens: readonly string[],
  room: Pick<Room, 'id' | 'inviteToken'>,
  contents: string[],
  perUser = 25,
): Promise<void> {
  const roomId = room.id;
  if (tokens.length * perUser < contents.length)
    throw new Error(
      `seeding ${contents.length} messages needs ${Math.ceil(contents.length / perUser)} users`,
    );
  for (let start = 0; start < contents.length; start += perUser) {
    const token = tokens[start / perUser] as string;
    const socket: ChatSocket = io(baseUrl, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      await new Promise<void>((ok, fail) => {
        socket.once('connect', ok);
        socket.once('connect_error', fail);
      });
      const joined = await ask<JoinRoomResult>(socket, 'joinRoom', {
        roomId,
        inviteToken: room.inviteToken,
      });
      if (!joined.ok) throw new Error(`join: ${joined.error.code}`);
      for (const [i, content] of contents.slice(start, start + perUser).entries()) {
        const clientMessageId = `seed-${start + i}-${Date.now()}`;
        const res = await ask<SendMessageResult>(socket, 'sendMessage', {
          roomId,
          content,
          clientMessageId,
        });
        if (!res.ok) throw new Error(`send ${start + i}: ${res.error.code}`);
      }
    } finally {
      socket.disconnect();
    }
  }
}

/** Accounts that only post seed messages (registered outside any browser, so no cookie moves). */
export async function registerScribes(baseUrl: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const username = `scribe${i}${Date.now().toString(36)}`.slice(0, 24);
    const res = await fetch(`${baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username,
        email: `${username}@example.test`,
        password: 'correct-horse-battery',
      }),
    });
    if (res.status !== 201) throw new Error(`register ${username}: ${res.status}`);
    tokens.push(((await res.json()) as { accessToken: string }).accessToken);
  }
  return tokens;
}

async function open(
  baseUrl: string,
  token: string,
  room: Pick<Room, 'id' | 'inviteToken'>,
): Promise<ChatSocket> {
  const socket: ChatSocket = io(baseUrl, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', ok);
    socket.once('connect_error', fail);
  });
  const joined = await ask<JoinRoomResult>(socket, 'joinRoom', {
    roomId: room.id,
    inviteToken: room.inviteToken,
  });
  if (!joined.ok) throw new Error(`join: ${joined.error.code}`);
  return socket;
}

/**
 * A call of the users of `tokens` in the room, each reporting `rounds` quality samples about the
 * others (as the call engine does), then leaving. Returns the call's id.
 */
export async function seedCall(
  baseUrl: string,
  tokens: readonly string[],
  room: Pick<Room, 'id' | 'inviteToken'>,
  rounds = 3,
): Promise<string> {
  const roomId = room.id;
  const sockets = await Promise.all(tokens.map((token) => open(baseUrl, token, room)));
  try {
    const peers: JoinCallResult[] = [];
    for (const socket of sockets) {
      const joined = await ask<JoinCallResult>(socket, 'joinCall', { roomId });
      if (!joined.ok) throw new Error(`joinCall: ${joined.error.code}`);
      peers.push(joined.data);
    }
    for (let round = 0; round < rounds; round++) {
      for (const [i, socket] of sockets.entries()) {
        const samples = peers
          .filter((_, j) => j !== i)
          .map((p) => ({
            peerId: p.peerId,
            rttMs: 40 + 10 * round + i,
            packetLossPct: round % 2,
            bitrateKbps: 800 + 50 * round,
            frameRate: 30 - round,
          }));
        const res = await ask<null>(socket, 'callStats', { roomId, samples });
        if (!res.ok) throw new Error(`callStats: ${res.error.code}`);
      }
      await new Promise((ok) => setTimeout(ok, 50));
    }
    for (const socket of [...sockets].reverse()) {
      const left = await ask<null>(socket, 'leaveCall', { roomId });
      if (!left.ok) throw new Error(`leaveCall: ${left.error.code}`);
    }
    return peers[0]?.callId ?? '';
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}
