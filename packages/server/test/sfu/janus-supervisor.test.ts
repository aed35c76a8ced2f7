import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JanusConnection } from '../../src/sfu/janus/janus-client';
import {
  JanusSupervisor,
  type JanusExitInfo,
  type JanusRunInfo,
} from '../../src/sfu/janus/janus-supervisor';
import {
  anyoneListensOn,
  createTestJanus,
  isAlive,
  listeningSockets,
  nextEvent,
  type TestJanus,
} from './janus-harness';

describe('JanusSupervisor with a real Janus', () => {
  let janus: TestJanus;
  let firstPid: number;

  beforeAll(async () => {
    janus = await createTestJanus();
    const started = await janus.supervisor.start();
    if (started.status !== 'running') throw new Error(`Janus unavailable: ${started.reason}`);
    firstPid = started.pid;
  });

  afterAll(async () => {
    await janus?.cleanup();
  });

  it('runs Janus and a client can create and destroy a room', async () => {
    expect(janus.supervisor.status).toBe('running');
    expect(isAlive(firstPid)).toBe(true);
    const connection = await JanusConnection.connect(janus.supervisor.url, janus.apiSecret);
    try {
      const session = await connection.createSession();
      const admin = await session.attachAdmin();
      const room = await admin.createRoom({
        publishers: 4,
        secret: 'room-secret',
        adminKey: janus.adminKey,
      });
      expect(Number.isSafeInteger(room) && room > 0).toBe(true);
      expect(await admin.roomExists(room)).toBe(true);
      await admin.destroyRoom(room, 'room-secret');
      expect(await admin.roomExists(room)).toBe(false);
      await session.destroy();
    } finally {
      await connection.close();
    }
  });

  it('listens only on the configured address and port: no HTTP API, no admin API', async () => {
    const connection = await JanusConnection.connect(janus.supervisor.url, janus.apiSecret);
    const info = await connection.info().finally(() => connection.close());
    expect(Object.keys(info.transports as object)).toEqual(['janus.transport.websockets']);
    expect(Object.keys(info.plugins as object)).toEqual(['janus.plugin.videoroom']);
    expect(info.events).toEqual({});

    expect(listeningSockets(firstPid)).toEqual([
      { protocol: 'tcp', address: '127.0.0.1', port: janus.wsPort },
    ]);
    expect(anyoneListensOn(8088)).toBe(false);
    expect(anyoneListensOn(7088)).toBe(false);
  });

  it('restarts Janus after kill -9; old connections report the loss, new ones work', async () => {
    const old = await JanusConnection.connect(janus.supervisor.url, janus.apiSecret);
    const lost = nextEvent((l) => old.onLost(l), 5_000, 'connection lost');
    const exited = nextEvent<JanusExitInfo>((l) => janus.supervisor.onExit(l), 5_000, 'exit');
    const restarted = nextEvent<JanusRunInfo>(
      (l) => janus.supervisor.onRestart(l),
      10_000,
      'restart',
    );
    process.kill(firstPid, 'SIGKILL');

    expect(await exited).toMatchObject({ pid: firstPid, signal: 'SIGKILL', expected: false });
    expect(await lost).toEqual({ reason: 'unexpected disconnection' });
    const info = await restarted;
    expect(info.pid).not.toBe(firstPid);
    expect(info.restarts).toBe(1);
    expect(janus.supervisor.status).toBe('running');
    expect(janus.supervisor.pid).toBe(info.pid);

    const connection = await JanusConnection.connect(info.url, janus.apiSecret);
    const session = await connection.createSession();
    const admin = await session.attachAdmin();
    const room = await admin.createRoom({ publishers: 2, secret: 's', adminKey: janus.adminKey });
    await admin.destroyRoom(room, 's');
    await connection.close();
  });

  it('stop() ends Janus and reports an expected exit', async () => {
    const pid = janus.supervisor.pid;
    expect(pid).toBeDefined();
    const exited = nextEvent<JanusExitInfo>((l) => janus.supervisor.onExit(l), 5_000, 'exit');
    await janus.supervisor.stop();
    expect(await exited).toMatchObject({ pid, expected: true });
    expect(janus.supervisor.status).toBe('stopped');
    expect(isAlive(pid ?? 0)).toBe(false);
  });
});

describe('JanusSupervisor without Janus', () => {
  it('reports unavailable with a clear reason when the binary is missing', async () => {
    const janus = await createTestJanus({ binary: '/nonexistent/janus' });
    try {
      const result = await janus.supervisor.start();
      expect(result).toEqual({
        status: 'unavailable',
        reason: expect.stringContaining('"/nonexistent/janus" not found') as unknown,
      });
      expect(janus.supervisor.status).toBe('unavailable');
      expect(janus.supervisor.unavailableReason).toMatch(/install the Debian package "janus"/);
      expect(janus.supervisor.pid).toBeUndefined();
    } finally {
      await janus.cleanup();
    }
  });

  it('reports unavailable when the binary is not on PATH', async () => {
    const supervisor = new JanusSupervisor({
      binary: 'janus-binary-that-does-not-exist',
      config: {
        workDir: '/nonexistent',
        wsPort: 1,
        apiSecret: 'x',
        videoroomAdminKey: 'y',
        rtpPortRange: { min: 1, max: 2 },
      },
    });
    await expect(supervisor.start()).resolves.toMatchObject({ status: 'unavailable' });
    await expect(supervisor.stop()).resolves.toBeUndefined();
  });
});

/** Whether a process runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('a supervised Janus when its server process is killed', () => {
  it('dies with it: no orphaned Janus keeps its ports', async () => {
    const fixture = join(__dirname, 'fixtures', 'supervise-janus.ts');
    const server = spawn(process.execPath, ['--import', 'tsx', fixture], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: server.stdout });
    // The fixture's one JSON line (the supervisor's own log lines go to stdout too).
    const first = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line.startsWith('{')) resolve(line);
      });
      server.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    lines.close();
    const { pid, workDir } = JSON.parse(first) as { pid: number | null; workDir: string };
    try {
      if (pid === null) throw new Error('Janus unavailable in the fixture');
      expect(running(pid)).toBe(true);
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
      // No event tells us that an unrelated process ended: look until it has, or 5 s passed.
      const deadline = Date.now() + 5_000;
      while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(running(pid)).toBe(false);
    } finally {
      if (pid !== null && running(pid)) process.kill(pid, 'SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
