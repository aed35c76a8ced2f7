import type { CatchUpEvent } from '@minimeet/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisService } from '../src/redis/redis.module';
import { createRoom, joinPayload } from './call-helpers';
import {
  connected,
  emitAck,
  nextEvent,
  registerUser,
  startCluster,
  useMysql,
  type ClientSocket,
  type TestCluster,
} from './harness';

const TTL_MS = 1_500;

/**
 * A server process that dies (kill -9) or hangs may have stored messages it never delivered: when
 * its connections expire from the shared presence, everyone left in their rooms, on every
 * process, is told to catch up (the web client then fetches from its last message before `since`).
 */
describe.runIf(useMysql)('a lost server process (two processes, MariaDB + Redis)', () => {
  let cluster: TestCluster;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ PRESENCE_TTL_MS: String(TTL_MS) });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await cluster.stop();
  });

  it('tells the people of its rooms on every process to catch up', async () => {
    const alice = await registerUser(cluster.url(0));
    const bob = await registerUser(cluster.url(1));
    const room = await createRoom(cluster.url(0), alice, 'Lost process');
    for (const [i, user] of [alice, bob].entries()) {
      const socket = await connected(cluster.url(i), user.accessToken);
      sockets.push(socket);
      const ack = await emitAck(socket, 'joinRoom', joinPayload(room.id));
      expect(ack.ok).toBe(true);
    }
    // A connection of a third process that stopped refreshing it: its entry is about to expire.
    const redis = cluster.servers[0]?.app.get(RedisService);
    const ghost = JSON.stringify(['ghost-socket', 'ghost-user', 'ghost']);
    await redis?.client?.zadd(`${redis.prefix}presence:room:${room.id}`, Date.now() + 200, ghost);
    await redis?.client?.sadd(`${redis.prefix}presence:rooms`, room.id);

    const told = sockets.map((s) => nextEvent(s, 'catchUp', () => true, 4 * TTL_MS));
    const startedAt = Date.now();
    const events: CatchUpEvent[] = await Promise.all(told);
    for (const event of events) {
      expect(event.reason).toBe('process-lost');
      // From well before the lost process's last heartbeat.
      expect(Date.parse(event.since)).toBeLessThanOrEqual(startedAt - TTL_MS);
    }
  });
});
