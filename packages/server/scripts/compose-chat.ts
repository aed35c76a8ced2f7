/**
 * Drives a running MiniMeet deployment the way two people would: both sign up, one signs in
 * again with the password, one creates a room, both join it over WebSocket (through the load
 * balancer, which spreads them over the app processes) and chat; the history then holds both
 * messages. Exits non-zero with the reason when anything a user would notice goes wrong.
 *
 *   npx tsx scripts/compose-chat.ts http://127.0.0.1:8080
 */
import type {
  AuthResponse,
  ClientToServerEvents,
  HealthResponse,
  MessagePage,
  Room,
  ServerToClientEvents,
} from '@minimeet/contract';
import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const base = (process.argv[2] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const TIMEOUT_MS = 10_000;

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function signUpAndIn(name: string): Promise<AuthResponse> {
  const username = `${name}_${randomBytes(3).toString('hex')}`;
  const password = `correct horse battery ${randomBytes(4).toString('hex')}`;
  await call<AuthResponse>('POST', '/api/auth/register', {
    username,
    email: `${username}@example.test`,
    password,
  });
  return call<AuthResponse>('POST', '/api/auth/login', { login: username, password });
}

async function connect(token: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(base, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: TIMEOUT_MS,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

function received(socket: ClientSocket, content: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`"${content}" never arrived`)), TIMEOUT_MS);
    socket.on('newMessage', (message) => {
      if (message.content !== content) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

type AckOf<E extends keyof ClientToServerEvents> = Parameters<
  Parameters<ClientToServerEvents[E]>[1]
>[0];

/** Emits a client event and resolves with its acknowledgement, typed from the contract. */
function ask<E extends 'joinRoom' | 'sendMessage'>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckOf<E>> {
  const withTimeout = socket.timeout(TIMEOUT_MS) as unknown as {
    emitWithAck(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<AckOf<E>>;
  };
  return withTimeout.emitWithAck(event, payload);
}

async function send(socket: ClientSocket, roomId: string, content: string): Promise<void> {
  const ack = await ask(socket, 'sendMessage', { roomId, content, clientMessageId: randomUUID() });
  if (!ack.ok) throw new Error(`sendMessage refused: ${ack.error.code}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const health = await call<HealthResponse>('GET', '/api/health');
  if (health.status !== 'ok') throw new Error(`health: ${JSON.stringify(health)}`);
  const alice = await signUpAndIn('alice');
  const bob = await signUpAndIn('bob');
  const room = await call<Room>('POST', '/api/rooms', { name: 'Compose check' }, alice.accessToken);
  const sockets = [await connect(alice.accessToken), await connect(bob.accessToken)];
  try {
    const [a, b] = sockets as [ClientSocket, ClientSocket];
    for (const socket of [a, b]) {
      const ack = await ask(socket, 'joinRoom', { roomId: room.id, inviteToken: room.inviteToken });
      if (!ack.ok) throw new Error(`joinRoom refused: ${ack.error.code}`);
    }
    const toBob = received(b, 'hello from alice');
    await send(a, room.id, 'hello from alice');
    await toBob;
    const toAlice = received(a, 'hello from bob');
    await send(b, room.id, 'hello from bob');
    await toAlice;
    const history = await call<MessagePage>(
      'GET',
      `/api/rooms/${room.id}/messages`,
      undefined,
      bob.accessToken,
    );
    const contents = history.items.map((m) => m.content).sort();
    if (contents.join('|') !== 'hello from alice|hello from bob') {
      throw new Error(`history holds ${JSON.stringify(contents)}`);
    }
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
  console.log(
    `chat through ${base}: signed up, signed in, chatted both ways, history ok (${Date.now() - started} ms)`,
  );
}

main().catch((error: unknown) => {
  console.error(
    `compose chat check failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
