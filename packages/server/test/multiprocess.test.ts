/**
 * Two real server processes on different ports, sharing MariaDB and Redis, act as one:
 * presence, messages and typing cross between them, and a killed process's presence expires.
 */
import type { Room } from '@minimeet/contract';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  connected,
  createBackend,
  emitAck,
  nextEvent,
  registerUser,
  type ClientSocket,
  type TestBackend,
} from './harness';
import { joinPayload, rememberInvite } from './call-helpers';
import { freePort } from './free-port';
import { stopChild } from './stop-child';

const MAIN = join(__dirname, '..', 'dist', 'main.js');
const PRESENCE_TTL_MS = 1500;

async function startProcess(
  env: Record<string, string>,
  tmp: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...env,
      // What a process leaves in it (the Janus folder of the one killed with -9) goes at the end.
      TMPDIR: tmp,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      WEB_DIST_DIR: 'none',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'multi-process-secret-123',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('several processes as one (MariaDB + Redis)', () => {
  let backend: TestBackend;
  let one: { url: string; child: ChildProcess };
  let two: { url: string; child: ChildProcess };
  const sockets: ClientSocket[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'minimeet-multiprocess-'));

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run "npm run build -w @minimeet/server" first`);
    backend = await createBackend();
    const env = { ...backend.env, PRESENCE_TTL_MS: String(PRESENCE_TTL_MS) };
    one = await startProcess(env, tmp); // runs the migrations first
    two = await startProcess(env, tmp);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of [one, two]) if (p) await stopChild(p.child);
    await backend?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shares presence, messages and typing, and expires the presence of a killed process', async () => {
    const alice = await registerUser(one.url);
    const bob = await registerUser(two.url); // accounts are in the shared database
    const room = (
      await api<Room>(one.url, 'POST', '/api/rooms', {
        token: alice.accessToken,
        body: { name: 'Across' },
      })
    ).body;
    rememberInvite(room);

    const a = await connected(one.url, alice.accessToken);
    const b = await connected(two.url, bob.accessToken);
    sockets.push(a, b);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    const aliceSeesBob = nextEvent(a, 'participantsUpdate', (e) => e.participants.length === 2);
    const joined = await emitAck(b, 'joinRoom', joinPayload(room.id));
    expect(joined.ok && joined.data.participants.map((p) => p.userId).sort()).toEqual(
      [alice.user.id, bob.user.id].sort(),
    );
    await aliceSeesBob;

    const bobGets = nextEvent(b, 'newMessage');
    await emitAck(a, 'sendMessage', {
      roomId: room.id,
      content: 'from process one',
      clientMessageId: 'mp1',
    });
    expect((await bobGets).content).toBe('from process one');
    const aliceGets = nextEvent(a, 'newMessage');
    await emitAck(b, 'sendMessage', {
      roomId: room.id,
      content: 'from process two',
      clientMessageId: 'mp2',
    });
    expect((await aliceGets).content).toBe('from process two');

    const typing = nextEvent(a, 'typing');
    await emitAck(b, 'typing', { roomId: room.id, isTyping: true });
    expect((await typing).userId).toBe(bob.user.id);

    // Process two dies without any cleanup: Bob's presence must expire, and Alice is told.
    const bobExpired = nextEvent(
      a,
      'participantsUpdate',
      (e) => e.participants.length === 1,
      PRESENCE_TTL_MS * 5,
    );
    two.child.kill('SIGKILL');
    const update = await bobExpired;
    expect(update.participants.map((p) => p.userId)).toEqual([alice.user.id]);
  });
});
