/**
 * Two app servers on MariaDB + Redis, each supervising its own Janus: participants connected to
 * either server end up in one Janus videoroom, on the instance the call is pinned to.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JanusConnection } from '../../src/sfu/janus/janus-client';
import { createRoom, enter, joinCall, SocketPool, unwrap } from '../call-helpers';
import {
  createBackend,
  emitAck,
  registerUser,
  startServer,
  TEST_REDIS_URL,
  useMysql,
  type TestBackend,
  type TestServer,
} from '../harness';
import { publisherOffer } from './sdp-fixtures';

describe.skipIf(!useMysql)('an SFU call across two servers (MariaDB + Redis)', () => {
  let backend: TestBackend;
  let one: TestServer;
  let two: TestServer;
  const pool = new SocketPool();
  beforeAll(async () => {
    backend = await createBackend();
    const env = { ...backend.env, CALL_MEDIA: 'sfu' };
    one = await startServer(env);
    two = await startServer(env);
  });
  afterAll(async () => {
    await pool.closeAll();
    await one?.close();
    await two?.close();
    await backend?.cleanup();
  });

  it('puts participants of both servers in one Janus room', async () => {
    const owner = await registerUser(one.url);
    const room = await createRoom(one.url, owner);
    const people = [
      await enter(one.url, pool, room.id, owner),
      await enter(two.url, pool, room.id),
      await enter(two.url, pool, room.id),
      await enter(one.url, pool, room.id),
    ];
    const peers = [];
    for (const p of people) peers.push(await joinCall(p, room.id));
    for (const p of people) {
      unwrap(await emitAck(p.socket, 'sfuJoin', { roomId: room.id }));
      const { answer } = unwrap(
        await emitAck(p.socket, 'sfuPublish', { roomId: room.id, offer: publisherOffer() }),
      );
      expect(answer.type).toBe('answer');
    }

    const callId = peers[0]!.callId;
    const prefix = backend.env.REDIS_PREFIX ?? '';
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const pinned = await redis.get(`${prefix}sfu:pin:${callId}`);
      const record = JSON.parse((await redis.get(`${prefix}sfu:room:${callId}`)) ?? '{}') as {
        url: string;
        room: number;
      };
      expect(record.url).toBe(pinned);
      // Both servers registered their own Janus; the call uses one of them.
      const instances = await redis.hgetall(`${prefix}sfu:instances`);
      expect(Object.keys(instances)).toHaveLength(2);
      const { apiSecret, adminKey } = JSON.parse(instances[record.url]!) as {
        apiSecret: string;
        adminKey?: string;
      };
      expect(adminKey).toBeTruthy();

      const janus = await JanusConnection.connect(record.url, apiSecret);
      try {
        const admin = await (await janus.createSession()).attachAdmin();
        const inRoom = await admin.participants(record.room);
        expect(inRoom.map((p) => p.display).sort()).toEqual(peers.map((p) => p.peerId).sort());
      } finally {
        await janus.close();
      }
    } finally {
      redis.disconnect();
    }
  });
});
