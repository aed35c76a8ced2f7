/**
 * npm run bench:chat -- [--db sqlite|mysql] [--clients 2000] [--rate 1000] [--seconds 20]
 *                       [--capacity-rate 4000] [--capacity-seconds 10]
 *                       [--recovery-rate 1000] [--recovery-seconds 5] [--no-bare]
 *                       [--server packages/server/dist/main.js] (another build, to compare two)
 *
 * --db cluster: the production path, `npm run cluster` (two app processes behind HAProxy, its own
 * MariaDB and Redis); CPU and memory are those of both apps and HAProxy together.
 *
 * Starts MiniMeet (SQLite, or MariaDB + Redis), drives it from a separate load process, then runs
 * the same load against a bare Socket.IO broadcast server in the same session, and prints
 * throughput, delivery latency, server CPU and memory, and the ratio to the bare server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startCluster } from '../test/cluster-kit';
import { cpuTimeMs, rssMb } from './stats';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    clients: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    'capacity-rate': { type: 'string', default: '4000' },
    'capacity-seconds': { type: 'string', default: '10' },
    'recovery-rate': { type: 'string', default: '1000' },
    'recovery-seconds': { type: 'string', default: '5' },
    'no-bare': { type: 'boolean', default: false },
    server: { type: 'string' },
    'room-size': { type: 'string', default: '4' },
    'mysql-url': { type: 'string', default: 'mariadb://root@127.0.0.1:3306' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
  },
});
const clients = Number(values.clients);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const roomSize = Number(values['room-size']);
const phases = [
  { name: 'sustained', rate, seconds },
  // Offered load far above the target: what each server actually achieves is its capacity.
  {
    name: 'capacity',
    rate: Number(values['capacity-rate']),
    seconds: Number(values['capacity-seconds']),
  },
  // Right after the overload, a sustainable rate again: latency must be back to normal at once.
  {
    name: 'recovery',
    rate: Number(values['recovery-rate']),
    seconds: Number(values['recovery-seconds']),
  },
];
const here = __dirname;
const tsx = join(here, '..', '..', '..', 'node_modules', '.bin', 'tsx');

interface LoadResult {
  phase: string;
  sent: number;
  stored: number;
  failed: number;
  errors: Record<string, number>;
  delivered: number;
  storedPerSecond: number;
  deliveredPerSecond: number;
  setupSeconds: number;
  latencyMs: Record<'p50' | 'p95' | 'p99' | 'max', number>;
  allReceiversMs: Record<'p50' | 'p95' | 'p99', number>;
  /** The load process's own event-loop delay in the phase (its receive times are late by it). */
  loadLoopLagMs: Record<'p99' | 'max', number>;
}
interface Measured extends LoadResult {
  cpuPercent: number;
  rssMb: number;
}

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
}

async function startServer(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl?: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(cmd, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (readyUrl) {
    lines(child, () => undefined);
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${readyUrl}/api/health`)).ok) return { child, url: readyUrl };
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('MiniMeet did not start');
  }
  const port = await new Promise<number>((resolve) =>
    lines(child, (l) => l.startsWith('listening') && resolve(Number(l.split(' ')[1]))),
  );
  return { child, url: `http://127.0.0.1:${port}` };
}

const LOAD_LIMITS = {
  // The load process signs up every user from one address and enters rooms quickly.
  LIMIT_REGISTRATIONS_PER_HOUR: '1000000',
  LIMIT_ROOMS_PER_HOUR: '1000000',
  LIMIT_ROOM_JOINS_PER_MINUTE: '1000000',
  // 2000 sockets from one address, each user with one socket per room.
  LIMIT_SOCKETS_PER_ADDRESS: '1000000',
};

/** The processes that serve the load: one server, or the cluster's apps and balancer. */
type Pids = () => number[];
const sum = (pids: Pids, f: (pid: number) => number): number =>
  pids().reduce((total, pid) => total + f(pid), 0);

async function runLoad(
  url: string,
  mode: 'minimeet' | 'bare',
  serverPids: Pids,
): Promise<Measured[]> {
  const load = spawn(
    tsx,
    [join(here, 'load-client.ts'), JSON.stringify({ url, clients, phases, roomSize, mode })],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const results: Measured[] = [];
  let cpuStart = 0;
  let t0 = 0;
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, sum(serverPids, rssMb))), 500);
  const go = (): void => {
    const phase = phases[results.length];
    if (!phase) return;
    process.stdout.write(
      `  phase "${phase.name}": ${phase.rate} msg/s offered for ${phase.seconds} s...\n`,
    );
    cpuStart = sum(serverPids, cpuTimeMs);
    t0 = performance.now();
    load.stdin?.write('go\n');
  };
  await new Promise<void>((resolve, reject) => {
    load.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`load generator exited with ${code}`)),
    );
    lines(load, (line) => {
      const msg = JSON.parse(line) as { event: string; setupSeconds: number } & LoadResult;
      if (msg.event === 'ready') {
        process.stdout.write(
          `  ${clients} clients connected and joined in ${msg.setupSeconds.toFixed(1)} s\n`,
        );
        go();
      } else if (msg.event === 'result') {
        const cpuPercent =
          ((sum(serverPids, cpuTimeMs) - cpuStart) / (performance.now() - t0)) * 100;
        results.push({ ...msg, cpuPercent, rssMb: Math.max(rssPeak, sum(serverPids, rssMb)) });
        go();
      }
    });
  });
  clearInterval(sampler);
  return results;
}

function report(name: string, r: Measured): void {
  const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '-');
  const shed = (r.errors.RATE_LIMITED ?? 0) + (r.errors.UNAVAILABLE ?? 0);
  process.stdout.write(
    [
      `${name}:`,
      `  sent ${r.sent}, stored ${r.stored}, failed ${r.failed}${r.failed ? ` ${JSON.stringify(r.errors)}` : ''}, deliveries ${r.delivered}`,
      `  stored ${f(r.storedPerSecond)} msg/s, delivered ${f(r.deliveredPerSecond)} msg/s`,
      `  latency per delivery p50 ${f(r.latencyMs.p50)} ms, p95 ${f(r.latencyMs.p95)} ms, p99 ${f(r.latencyMs.p99)} ms, max ${f(r.latencyMs.max)} ms`,
      `  latency to every receiver p50 ${f(r.allReceiversMs.p50)} ms, p95 ${f(r.allReceiversMs.p95)} ms, p99 ${f(r.allReceiversMs.p99)} ms`,
      `  accepted ${r.stored}, shed ${shed} (RATE_LIMITED or UNAVAILABLE), accepted p99 ${f(r.latencyMs.p99)} ms`,
      `  load process's own event-loop delay p99 ${f(r.loadLoopLagMs.p99)} ms, max ${f(r.loadLoopLagMs.max)} ms`,
      `  server CPU ${f(r.cpuPercent)} % (of one core), peak RSS so far ${f(r.rssMb)} MB`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  process.stdout.write(
    `MiniMeet chat benchmark: ${clients} clients, rooms of ${roomSize}, ${rate} msg/s for ${seconds} s, db=${values.db}\n\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'minimeet-bench-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const env: NodeJS.ProcessEnv = {
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    JWT_SECRET: 'benchmark-secret-0123456789',
    WEB_DIST_DIR: 'none',
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...LOAD_LIMITS,
  };
  let cleanupDb = (): Promise<void> => Promise.resolve();
  if (values.db === 'mysql') {
    const { createConnection } = await import('mysql2/promise');
    const name = `minimeet_bench_${Date.now()}`;
    const admin = await createConnection(
      `${values['mysql-url'].replace(/^mariadb:/, 'mysql:')}/test`,
    );
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    env.DATABASE_URL = `${values['mysql-url']}/${name}`;
    env.REDIS_URL = values['redis-url'];
    env.REDIS_PREFIX = `mmbench:${Date.now()}:`;
    cleanupDb = async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    };
  }

  let mm: Measured[];
  if (values.db === 'cluster') {
    process.stdout.write('  starting the cluster (npm run cluster)...\n');
    const cluster = await startCluster({
      LOG_LEVEL: 'warn',
      ...LOAD_LIMITS,
    });
    const balancer = cluster.pid('haproxy');
    // The apps' pids are read each time: the cluster restarts an app that exits.
    const pids = (): number[] => [
      cluster.pid('app1'),
      cluster.pid('app2'),
      balancer,
      ...childPids(balancer),
    ];
    try {
      mm = await runLoad(cluster.url, 'minimeet', pids);
    } finally {
      await cluster.stop();
    }
  } else {
    const app = await startServer(
      process.execPath,
      [values.server ?? join(here, '..', 'dist', 'main.js')],
      env,
      `http://127.0.0.1:${port}`,
    );
    try {
      mm = await runLoad(app.url, 'minimeet', () => [app.child.pid ?? 0]);
    } finally {
      app.child.kill('SIGTERM');
    }
  }
  const label =
    values.db === 'cluster'
      ? 'two processes behind HAProxy, MariaDB + Redis'
      : values.db === 'mysql'
        ? 'MariaDB + Redis adapter'
        : 'SQLite, in-memory adapter';
  for (const r of mm) report(`MiniMeet (${label}), ${r.phase}`, r);

  if (values['no-bare']) {
    await cleanupDb();
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const bare = await startServer(tsx, [join(here, 'bare-server.ts')], { PORT: '0' });
  let baseline: Measured[];
  try {
    const barePid = childPid(bare.child);
    baseline = await runLoad(bare.url, 'bare', () => [barePid]);
  } finally {
    bare.child.kill('SIGTERM');
  }
  for (const r of baseline) report(`Bare Socket.IO broadcast server (baseline), ${r.phase}`, r);

  for (const [i, phase] of phases.entries()) {
    const a = mm[i];
    const b = baseline[i];
    if (!a || !b) continue;
    process.stdout.write(
      `Ratio MiniMeet / bare, ${phase.name}: stored+delivered throughput ${(a.deliveredPerSecond / b.deliveredPerSecond).toFixed(2)}, ` +
        `p99 latency ${(a.latencyMs.p99 / b.latencyMs.p99).toFixed(2)}x\n`,
    );
  }
  await cleanupDb();
  rmSync(dir, { recursive: true, force: true });
}

/** The children of a process (none: an empty list). */
function childPids(parent: number): number[] {
  const found = spawnSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' });
  return found.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

/** tsx runs the script in a child node process: measure that one, not the tsx wrapper. */
function childPid(wrapper: ChildProcess): number {
  return childPids(wrapper.pid ?? 0)[0] ?? wrapper.pid ?? 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
