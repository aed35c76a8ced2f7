/**
 * Drives a running MiniMeet deployment the way two people would: both sign up, one signs in
 * again with the password, one creates a room, both join it over WebSocket (through the load
 * balancer, which spreads them over the app processes) and chat; the history then holds both
 * messages. Exits non-zero with the reason when anything a user would notice goes wrong.
 *
 *   npx tsx scripts/compose-chat.ts http://127.0.0.1:8080
 */
import type { HealthResponse, MessagePage, Room } from '@minimeet/contract';
import { randomUUID } from 'node:crypto';
import {
  ask,
  baseUrl,
  call,
  connect,
  fail,
  signUpAndIn,
  TIMEOUT_MS,
  unwrap,
  type ClientSocket,
} from './compose-client';

const base = baseUrl();

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

async function send(socket: ClientSocket, roomId: string, content: string): Promise<void> {
  const ack = await ask(socket, 'sendMessage', { roomId, content, clientMessageId: randomUUID() });
  unwrap('sendMessage', ack);
}

async function main(): Promise<void> {
  const started = Date.now();
  const health = await call<HealthResponse>(base, 'GET', '/api/health');
  if (health.status !== 'ok') throw new Error(`health: ${JSON.stringify(health)}`);
  const alice = await signUpAndIn(base, 'alice');
  const bob = await signUpAndIn(base, 'bob');
  const room = await call<Room>(
    base,
    'POST',
    '/api/rooms',
    { name: 'Compose check' },
    alice.accessToken,
  );
  const sockets = [await connect(base, alice.accessToken), await connect(base, bob.accessToken)];
  try {
    const [a, b] = sockets as [ClientSocket, ClientSocket];
    for (const socket of [a, b]) {
      const ack = await ask(socket, 'joinRoom', { roomId: room.id, inviteToken: room.inviteToken });
      unwrap('joinRoom', ack);
    }
    const toBob = received(b, 'hello from alice');
    await send(a, room.id, 'hello from alice');
    await toBob;
    const toAlice = received(a, 'hello from bob');
    await send(b, room.id, 'hello from bob');
    await toAlice;
    const history = await call<MessagePage>(
      base,
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

main().catch((error: unknown) => fail('compose chat check', error));
