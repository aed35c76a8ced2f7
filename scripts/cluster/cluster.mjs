#!/usr/bin/env node
// `npm run cluster [-- start|stop|status]`: the whole production topology on one machine.
// Its own MariaDB and Redis (fresh state under CLUSTER_DIR, default .cluster/), coturn, two app
// processes (each supervising its own Janus) and HAProxy in front (leastconn, WebSocket upgrade,
// health checks on /api/health). `start` stays in the foreground; Ctrl-C or `stop` ends it all.
// Ports follow CLUSTER_PORT_BASE (default 8080): see docs/OPERATIONS.md. CLUSTER_APP_MAIN replaces
// the script the apps run (default packages/server/dist/main.js), e.g. with a profiling wrapper.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterLayout, haproxyConfig, turnConfig } from './config.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const layout = clusterLayout(root, process.env);
const { dir, ports } = layout;
/**
 * Every process of this topology shares the machine's cores: V8's parallel garbage-collection
 * helper threads would only compete with MariaDB, Redis, HAProxy and the other app for them
 * (docs/BENCHMARKS.md, "Production path, third pass").
 */
const APP_NODE_FLAGS = ['--single-threaded-gc'];
const say = (line) => process.stdout.write(`[cluster] ${line}\n`);
const fail = (line) => {
  process.stderr.write(`[cluster] ${line}\n`);
  process.exit(1);
};

// --- secrets and state -------------------------------------------------------------------

/** Random secrets, generated once and kept 0600 in the state dir (reused on restart). */
function secrets() {
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const make = () => randomBytes(24).toString('base64url');
  const value = {
    jwtSecret: randomBytes(48).toString('base64url'),
    dbPassword: make(),
    redisPassword: make(),
    turnSecret: make(),
    metricsToken: make(),
  };
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  return value;
}

const pidFile = (name) => join(dir, 'run', `${name}.pid`);

function readPid(name) {
  try {
    const pid = Number(readFileSync(pidFile(name), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// --- start ---------------------------------------------------------------------------------

async function start() {
  const running = readPid('cluster');
  if (running && alive(running))
    fail(`already running (pid ${running}); \`npm run cluster -- stop\``);
  const missing = ['mariadbd', 'mariadb-install-db', 'mariadb', 'redis-server', 'haproxy'].filter(
    (bin) => !which(bin),
  );
  if (missing.length > 0)
    fail(`missing: ${missing.join(', ')} (run: bash scripts/ensure-system-deps.sh)`);
  const main = process.env.CLUSTER_APP_MAIN ?? join(root, 'packages/server/dist/main.js');
  if (!existsSync(main)) fail('packages/server/dist/main.js is missing: run `npm run build` first');

  for (const sub of ['run', 'logs', 'data', 'mariadb', 'redis', 'turn']) {
    mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  }
  const secret = secrets();
  writeFileSync(pidFile('cluster'), String(process.pid));

  /** Children in start order; stopped in reverse. */
  const children = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping...');
    for (const child of [...children].reverse()) await child.stop();
    rmSync(pidFile('cluster'), { force: true });
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  /** Starts a child with its output in logs/<name>.log; restarts it if `restart` and it dies. */
  const run = (name, bin, args, options = {}) => {
    const log = createWriteStream(join(dir, 'logs', `${name}.log`), { flags: 'a' });
    const entry = { name, process: null, stop: null };
    const launch = () => {
      // Its own process group: Ctrl-C reaches only this supervisor, which stops the children in
      // order (HAProxy and the apps before the databases).
      const child = spawn(bin, args, {
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: root,
        detached: true,
      });
      child.stdout.pipe(log, { end: false });
      child.stderr.pipe(log, { end: false });
      entry.process = child;
      writeFileSync(pidFile(name), String(child.pid));
      child.on('exit', (code, signal) => {
        if (stopping) return;
        say(`${name} exited (${signal ?? code})`);
        if (options.restart) {
          say(`${name}: restarting in 1 s`);
          setTimeout(() => !stopping && launch(), 1_000);
        } else void stopAll(1);
      });
    };
    entry.stop = async () => {
      const child = entry.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGCONT'); // a stopped (kill -STOP) process would never see SIGTERM
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(pidFile(name), { force: true });
    };
    launch();
    children.push(entry);
    return entry;
  };

  try {
    // MariaDB: a fresh datadir on first start, its own socket and port.
    const dbDir = join(dir, 'mariadb');
    const socket = join(dir, 'run', 'mariadb.sock');
    if (!existsSync(join(dbDir, 'data', 'mysql'))) {
      say('initialising MariaDB');
      const init = spawnSync(
        'mariadb-install-db',
        ['--no-defaults', `--datadir=${join(dbDir, 'data')}`, '--skip-test-db', `--user=${user()}`],
        { encoding: 'utf8' },
      );
      if (init.status !== 0) throw new Error(`mariadb-install-db failed:\n${init.stderr}`);
    }
    run('mariadb', which('mariadbd'), [
      '--no-defaults',
      `--datadir=${join(dbDir, 'data')}`,
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'run', 'mariadbd.pid')}`,
      `--port=${ports.mariadb}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      `--user=${user()}`,
      '--innodb-buffer-pool-size=128M',
      '--max-connections=300',
    ]);
    await waitFor('MariaDB', () => sql(socket, 'SELECT 1').status === 0, 60_000);
    const pw = secret.dbPassword.replace(/'/g, "''");
    const setup = sql(
      socket,
      `CREATE DATABASE IF NOT EXISTS minimeet CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
       CREATE USER IF NOT EXISTS 'minimeet'@'127.0.0.1' IDENTIFIED BY '${pw}';
       GRANT ALL PRIVILEGES ON minimeet.* TO 'minimeet'@'127.0.0.1';`,
    );
    if (setup.status !== 0) throw new Error(`MariaDB setup failed:\n${setup.stderr}`);

    // Redis: password, loopback, append-only file in the state dir.
    run('redis', which('redis-server'), [
      '--port',
      String(ports.redis),
      '--bind',
      '127.0.0.1',
      '--requirepass',
      secret.redisPassword,
      '--dir',
      join(dir, 'redis'),
      '--appendonly',
      'yes',
      '--save',
      '',
      '--protected-mode',
      'yes',
    ]);
    await waitFor('Redis', () => tcpOpen(ports.redis), 20_000);

    // coturn: TURN with the shared secret the apps mint credentials from (TURN REST API).
    const turnserver = which('turnserver');
    if (turnserver) {
      const file = join(dir, 'turn', 'turnserver.conf');
      writeFileSync(file, turnConfig(layout, secret.turnSecret), { mode: 0o600 });
      run('coturn', turnserver, ['-c', file]);
    } else say('coturn (turnserver) is not installed: calls get no TURN relay');

    // Two app processes; the first runs the migrations before the second starts.
    const appEnv = (index) => ({
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(ports.apps[index]),
      PUBLIC_URL: [layout.publicUrl, ...layout.extraOrigins].join(','),
      TRUST_PROXY: 'loopback',
      JWT_SECRET: secret.jwtSecret,
      METRICS_TOKEN: secret.metricsToken,
      DATABASE_URL: `mysql://minimeet:${encodeURIComponent(secret.dbPassword)}@127.0.0.1:${ports.mariadb}/minimeet`,
      REDIS_URL: `redis://:${encodeURIComponent(secret.redisPassword)}@127.0.0.1:${ports.redis}`,
      TURN_URLS: turnserver ? `turn:${layout.bind}:${ports.turn}?transport=udp` : '',
      TURN_SECRET: turnserver ? secret.turnSecret : '',
      DATA_DIR: join(dir, 'data'),
      // Each process supervises its own Janus on its own half of the RTP range.
      JANUS_RTP_PORTS: index === 0 ? '20000-20499' : '20500-20999',
      WEB_DIST_DIR: join(root, 'packages/web/dist'),
    });
    for (const index of [0, 1]) {
      run(`app${index + 1}`, process.execPath, [...APP_NODE_FLAGS, main], {
        env: appEnv(index),
        restart: true,
      });
      await waitFor(`app${index + 1}`, () => healthy(ports.apps[index]), 90_000);
    }

    const cfg = join(dir, 'run', 'haproxy.cfg');
    writeFileSync(cfg, haproxyConfig(layout), { mode: 0o600 });
    const check = spawnSync('haproxy', ['-c', '-q', '-f', cfg], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`haproxy config refused:\n${check.stderr}`);
    run('haproxy', which('haproxy'), ['-W', '-db', '-f', cfg]);
    await waitFor('HAProxy', () => healthy(ports.balancer), 20_000);

    say(
      `ready: ${layout.publicUrl} (state in ${dir}; stop with Ctrl-C or \`npm run cluster -- stop\`)`,
    );
  } catch (e) {
    process.stderr.write(`[cluster] ${e instanceof Error ? e.message : String(e)}\n`);
    await stopAll(1);
  }
}

// --- stop and status ---------------------------------------------------------------------

async function stopCommand() {
  const pid = readPid('cluster');
  if (!pid || !alive(pid)) {
    // The supervisor was killed without its stop: end what it left, by its pid files.
    for (const name of ['haproxy', 'app1', 'app2', 'coturn', 'redis', 'mariadb']) {
      const child = readPid(name);
      if (child && alive(child) && ownedChild(child)) {
        process.kill(child, 'SIGCONT');
        process.kill(child, 'SIGTERM');
        say(`stopped a leftover ${name} (pid ${child})`);
      }
      rmSync(pidFile(name), { force: true });
    }
    say('not running');
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) fail(`pid ${pid} did not stop within 30 s`);
  say('stopped');
}

async function statusCommand() {
  const pid = readPid('cluster');
  if (!pid || !alive(pid)) {
    say(`not running (state dir ${dir})`);
    process.exitCode = 3;
    return;
  }
  say(`running (pid ${pid}), ${layout.publicUrl}, state in ${dir}`);
  for (const name of ['mariadb', 'redis', 'coturn', 'app1', 'app2', 'haproxy']) {
    const child = readPid(name);
    say(`  ${name.padEnd(8)} ${child && alive(child) ? `pid ${child}` : 'not running'}`);
  }
  try {
    const csv = await (await fetch(`http://127.0.0.1:${ports.stats}/stats;csv`)).text();
    for (const row of csv.split('\n').filter((line) => line.startsWith('apps,app'))) {
      const cols = row.split(',');
      say(`  balancer: ${cols[1]} ${cols[17]} (${cols[4]} connections now)`);
    }
  } catch {
    say('  balancer: stats not reachable');
  }
}

// --- helpers ---------------------------------------------------------------------------------

function which(bin) {
  for (const path of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin']) {
    if (path && existsSync(join(path, bin))) return join(path, bin);
  }
  return null;
}

/** A pid that is still one of ours (its command line names the state dir, our server or port). */
function ownedChild(pid) {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return (
      cmdline.includes(dir) ||
      cmdline.includes(join(root, 'packages/server/dist/main.js')) ||
      cmdline.includes(`127.0.0.1:${ports.redis}`) // redis-server rewrites its command line
    );
  } catch {
    return false;
  }
}

function user() {
  return spawnSync('id', ['-un'], { encoding: 'utf8' }).stdout.trim();
}

function sql(socket, statements) {
  return spawnSync(
    'mariadb',
    ['--no-defaults', `--socket=${socket}`, `-u${user()}`, '-e', statements],
    {
      encoding: 'utf8',
    },
  );
}

async function healthy(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function tcpOpen(port) {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline)
      throw new Error(
        `${what} did not come up within ${timeoutMs / 1000} s (logs in ${join(dir, 'logs')})`,
      );
    await sleep(250);
  }
  say(`${what} up`);
}

// --- main ---------------------------------------------------------------------------------

const command = process.argv[2] ?? 'start';
if (command === 'stop') await stopCommand();
else if (command === 'status') await statusCommand();
else if (command === 'start') await start();
else fail(`unknown command "${command}" (start, stop or status)`);
