/**
 * Two Janus instances of our own (JANUS_URLS): a call is pinned to one; when that instance dies
 * for good, its participants are told to restart and come back on the other one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JanusSupervisor } from '../../src/sfu/janus/janus-supervisor';
import { joinCall, roomWith, SocketPool, unwrap } from '../call-helpers';
import { emitAck, nextEvent, startStack } from '../harness';
import { freePort } from '../free-port';
import { publisherOffer } from './sdp-fixtures';

const apiSecret = randomBytes(16).toString('hex');
const adminKey = randomBytes(16).toString('hex');

async function janus(
  rtpMin: number,
): Promise<{ supervisor: JanusSupervisor; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'minimeet-janus-'));
  const wsPort = await freePort();
  const supervisor = new JanusSupervisor({
    stopTimeoutMs: 3_000,
    config: {
      workDir: dir,
      wsPort,
      apiSecret,
      videoroomAdminKey: adminKey,
      rtpPortRange: { min: rtpMin, max: rtpMin + 99 },
      logLevel: 'warn',
    },
  });
  const started = await supervisor.start();
  if (started.status !== 'running') throw new Error(started.reason);
  return { supervisor, url: started.url, dir };
}

describe('an SFU call when its Janus instance dies (two instances)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let instances: Awaited<ReturnType<typeof janus>>[];
  const pool = new SocketPool();
  beforeAll(async () => {
    instances = [await janus(31_000), await janus(31_200)];
    stack = await startStack({
      CALL_MEDIA: 'sfu',
      JANUS_URLS: instances.map((i) => i.url).join(','),
      JANUS_API_SECRET: apiSecret,
      JANUS_ADMIN_KEY: adminKey,
    });
  });
  afterAll(async () => {
    await pool.closeAll();
    await stack?.stop();
    for (const i of instances ?? []) {
      await i.supervisor.stop();
      rmSync(i.dir, { recursive: true, force: true });
    }
  });

  it('moves the call to the other instance and the participants back in', async () => {
    const base = stack.server.url;
    const { room, members } = await roomWith(base, pool, 2);
    for (const m of members) await joinCall(m, room.id);
    for (const m of members) {
      unwrap(await emitAck(m.socket, 'sfuJoin', { roomId: room.id }));
      unwrap(await emitAck(m.socket, 'sfuPublish', { roomId: room.id, offer: publisherOffer() }));
    }
    // Which instance holds the call: the one that has publishers in a room.
    const pinned = await whichHoldsTheCall();
    const other = instances.find((i) => i !== pinned)!;
    const restarts = members.map((m) => nextEvent(m.socket, 'sfuRestart'));
    await pinned.supervisor.stop(); // gone for good: no restart

    for (const r of restarts) expect(await r).toEqual({ roomId: room.id });
    for (const m of members) {
      unwrap(await emitAck(m.socket, 'sfuJoin', { roomId: room.id }));
      const { answer } = unwrap(
        await emitAck(m.socket, 'sfuPublish', { roomId: room.id, offer: publisherOffer() }),
      );
      expect(answer.type).toBe('answer');
    }
    expect(await whichHoldsTheCall()).toBe(other);
  });

  async function whichHoldsTheCall(): Promise<(typeof instances)[number]> {
    const { JanusConnection } = await import('../../src/sfu/janus/janus-client');
    for (const i of instances) {
      if (i.supervisor.status !== 'running') continue;
      const connection = await JanusConnection.connect(i.url, apiSecret);
      try {
        const session = await connection.createSession();
        const admin = await session.attachAdmin();
        if ((await admin.rooms(adminKey)).length > 0) return i;
      } finally {
        await connection.close();
      }
    }
    throw new Error('no instance holds the call');
  }
});
