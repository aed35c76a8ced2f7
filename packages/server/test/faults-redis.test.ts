/**
 * Redis restarted mid-session (killed, down about 5 s, started again empty) under two server
 * processes on MariaDB: chat keeps working, nothing sent meanwhile is lost (the clients are told
 * to catch up and find every message once, and an edit made meanwhile), presence is whole again
 * within PRESENCE_TTL_MS, and no promise rejection goes unhandled. Uses a redis-server of its
 * own, never the shared one.
 */
import type { ChatMessage, LoadHistoryResult } from '@minimeet/contract';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enter, joinPayload, SocketPool, unwrap, type Member } from './call-helpers';
import { startOwnRedis, type OwnRedis } from './fault-kit';
import {
  connected,
  createBackend,
  emitAck,
  nextEvent,
  registerUser,
  startServer,
  type ClientSocket,
  type TestBackend,
  type TestServer,
} from './harness';

const PRESENCE_TTL_MS = 3000;
const DOWN_MS = 5000;

/** Every message a socket received live, by id, and how often. */
function recordMessages(socket: ClientSocket): Map<string, number> {
  const seen = new Map<string, number>();
  socket.on('newMessage', (m: ChatMessage) => seen.set(m.id, (seen.get(m.id) ?? 0) + 1));
  return seen;
}

/** How many peers the call hash holds, polled until `want` or `withinMs` (the store has no event). */
async function callPeersInRedis(url: string, key: string, want: number, withinMs: number) {
  const client = new Redis(url);
  try {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const fields = Object.keys(await client.hgetall(key)).filter((f) => f.startsWith('p:'));
      if (fields.length >= want || Date.now() > deadline) return fields.length;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.disconnect();
  }
}

/**
 * What the web client does on `catchUp` or after a reconnect: pages forward from the newest id
 * (and asks for the changes since then: see the edit below).
 */
async function catchUp(
  socket: ClientSocket,
  roomId: string,
  after: string,
): Promise<ChatMessage[]> {
  const found: ChatMessage[] = [];
  for (let cursor: string | null = after; cursor !== null;) {
    const page: LoadHistoryResult = unwrap(
      await emitAck(socket, 'loadMessageHistory', { roomId, after: cursor, limit: 100 }),
    );
    found.push(...page.messages);
    cursor = page.nextCursor;
  }
  return found;
}

describe('faults: Redis restarted mid-session (two processes, MariaDB)', () => {
  let redis: OwnRedis;
  let backend: TestBackend;
  const servers: TestServer[] = [];
  const pool = new SocketPool();
  let unhandled = 0;
  const onUnhandled = (): void => {
    unhandled += 1;
  };

  beforeAll(async () => {
    redis = await startOwnRedis();
    backend = await createBackend();
    const env = {
      ...backend.env,
      REDIS_URL: redis.url,
      PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
    };
    servers.push(await startServer(env), await startServer(env));
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await pool.closeAll();
    for (const s of servers) await s.close();
    await backend?.cleanup();
    await redis?.stop();
  });

  it('keeps chat working, loses no message, restores presence in time, rejects nothing unhandled', async () => {
    const [one, two] = servers.map((s) => s.url) as [string, string];
    const owner = await registerUser(one);
    const room = await createRoom(one, owner, 'Outage');
    const alice: Member = await enter(one, pool, room.id, owner);
    const bob: Member = await enter(two, pool, room.id);
    const bobSaw = recordMessages(bob.socket);
    const aliceSaw = recordMessages(alice.socket);

    const warmUp = nextEvent(bob.socket, 'newMessage');
    unwrap(
      await emitAck(alice.socket, 'sendMessage', {
        roomId: room.id,
        content: 'before',
        clientMessageId: 'before',
      }),
    );
    const lastSeenByBob = (await warmUp).id;
    const lastSeenByAlice = lastSeenByBob;
    // Both are in the room's call (mesh) when Redis goes.
    unwrap(await emitAck(alice.socket, 'joinCall', { roomId: room.id }));
    unwrap(await emitAck(bob.socket, 'joinCall', { roomId: room.id }));

    // Redis goes away with every key; both processes keep serving the chat from the database.
    await redis.kill();
    const downSince = Date.now();
    const bobTold = nextEvent(bob.socket, 'catchUp', () => true, DOWN_MS + 15_000);
    const aliceTold = nextEvent(alice.socket, 'catchUp', () => true, DOWN_MS + 15_000);
    // Awaited below; a failure before then must not surface as a stray rejection.
    for (const told of [bobTold, aliceTold]) told.catch(() => undefined);
    const sent: { from: 'alice' | 'bob'; ok: boolean; id?: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const from = i % 2 === 0 ? alice : bob;
      const ack = await emitAck(from.socket, 'sendMessage', {
        roomId: room.id,
        content: `during ${i}`,
        clientMessageId: `during-${i}`,
      });
      sent.push({
        from: from === alice ? 'alice' : 'bob',
        ok: ack.ok,
        id: ack.ok ? ack.data.message.id : undefined,
      });
    }
    expect(sent.every((s) => s.ok)).toBe(true);
    // An edit during the outage (alice's process): bob's process does not hear of it live.
    const edit = await emitAck(alice.socket, 'editMessage', {
      roomId: room.id,
      messageId: lastSeenByBob,
      content: 'before, edited during the outage',
    });
    expect(edit.ok).toBe(true);
    // The outage lasts DOWN_MS (the fault itself, not a wait for an event).
    await new Promise((r) => setTimeout(r, Math.max(0, DOWN_MS - (Date.now() - downSince))));

    // Presence comes back as whole: both people, announced to the room.
    const whole = nextEvent(
      alice.socket,
      'participantsUpdate',
      (e) => e.participants.length === 2 && e.participants.every((p) => p.inCall),
      PRESENCE_TTL_MS * 3,
    );
    await redis.start();
    const upAt = Date.now();
    await whole;
    const presenceMs = Date.now() - upAt;
    const [bobEvent] = await Promise.all([bobTold, aliceTold]);
    const caughtUpMs = Date.now() - upAt;
    expect(presenceMs).toBeLessThan(PRESENCE_TTL_MS);
    // The call is whole again too: both peers are back in the call store (read-only check).
    const callPeers = await callPeersInRedis(
      redis.url,
      `${backend.env.REDIS_PREFIX ?? ''}call:room:${room.id}`,
      2,
      PRESENCE_TTL_MS,
    );
    const callMs = Date.now() - upAt;
    expect(callPeers).toBe(2);
    expect(callMs).toBeLessThan(PRESENCE_TTL_MS);
    // The room-full check and newcomers count everyone again.
    const carol = await registerUser(one);
    const carolSocket = pool.add(await connected(one, carol.accessToken), room.id);
    const { participants } = unwrap(await emitAck(carolSocket, 'joinRoom', joinPayload(room.id)));
    expect(participants.map((p) => p.userId).sort()).toEqual(
      [alice.user.user.id, bob.user.user.id, carol.user.id].sort(),
    );
    // A newcomer joining the call meets both who were in it before the restart.
    const call = unwrap(await emitAck(carolSocket, 'joinCall', { roomId: room.id }));
    expect(call.peers.map((p) => p.userId).sort()).toEqual(
      [alice.user.user.id, bob.user.user.id].sort(),
    );
    unwrap(await emitAck(carolSocket, 'leaveCall', { roomId: room.id }));

    // Nothing lost: what each missed live, the catch-up brings, exactly once.
    const bobFound = await catchUp(bob.socket, room.id, lastSeenByBob);
    const aliceFound = await catchUp(alice.socket, room.id, lastSeenByAlice);
    const storedIds = sent.map((s) => s.id);
    const bobHas = new Set([...bobSaw.keys(), ...bobFound.map((m) => m.id)]);
    const aliceHas = new Set([...aliceSaw.keys(), ...aliceFound.map((m) => m.id)]);
    expect(storedIds.filter((id) => id && !bobHas.has(id))).toEqual([]);
    expect(storedIds.filter((id) => id && !aliceHas.has(id))).toEqual([]);
    const duplicates = [...bobSaw.values(), ...aliceSaw.values()].filter((n) => n > 1).length;
    expect(duplicates).toBe(0);
    // The edit made during the outage: the changes since the catchUp's `since` bring it to bob.
    const changed = unwrap(
      await emitAck(bob.socket, 'loadMessageHistory', {
        roomId: room.id,
        changedSince: bobEvent.since,
      }),
    ).messages;
    expect(changed.find((m) => m.id === lastSeenByBob)?.content).toBe(
      'before, edited during the outage',
    );

    // Live delivery across the processes works again.
    const live = nextEvent(bob.socket, 'newMessage', (m) => m.content === 'after');
    unwrap(
      await emitAck(alice.socket, 'sendMessage', {
        roomId: room.id,
        content: 'after',
        clientMessageId: 'after',
      }),
    );
    await live;
    expect(unhandled).toBe(0);

    const missedLive = storedIds.filter((id) => id && !bobSaw.has(id)).length;
    process.stdout.write(
      `[faults-redis] down ${DOWN_MS} ms: sent ${sent.length}, acked ${sent.filter((s) => s.ok).length}, ` +
        `missed live by bob ${missedLive}, recovered by catch-up ${bobFound.length}, duplicates ${duplicates}, ` +
        `catchUp told by ${caughtUpMs} ms, presence whole after ${presenceMs} ms, call after ${callMs} ms ` +
        `(TTL ${PRESENCE_TTL_MS}), ` +
        `unhandled rejections ${unhandled}\n`,
    );
  });
});
