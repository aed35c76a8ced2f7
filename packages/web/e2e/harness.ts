import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  type WriteStream,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './waitFor';

const webDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const repoDir = resolve(webDir, '../..');
const serverDir = join(repoDir, 'packages/server');
const serverMain = join(serverDir, 'dist/main.js');
const webDist = join(webDir, 'dist');

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

/**
 * The built MiniMeet server as a child process on a free port with a fresh SQLite database.
 * It can be stopped and started again on the same port and database (the offline test).
 */
export class ServerHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'minimeet-e2e-'));
  readonly dbPath = join(this.dir, 'mm.sqlite');
  readonly logPath = join(this.dir, 'server.log');
  port = 0;
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;

  /** The server process's pid (its supervised Janus is a child of it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!existsSync(serverMain)) {
      throw new Error(`${serverMain} is missing: run "npm run build -w @minimeet/server" first.`);
    }
    if (!existsSync(join(webDist, 'index.html'))) {
      throw new Error(
        `${webDist}/index.html is missing: run "npm run build -w @minimeet/web" first.`,
      );
    }
    if (this.port === 0) this.port = await freePort();
    this.log ??= createWriteStream(this.logPath, { flags: 'a' });
    const child = spawn(process.execPath, [serverMain], {
      cwd: serverDir,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATA_DIR: this.dir,
        DATABASE_URL: `sqlite://${this.dbPath}`,
        JWT_SECRET: 'minimeet-e2e-test-secret',
        WEB_DIST_DIR: webDist,
        REDIS_URL: '',
        LOG_LEVEL: 'warn',
        // Every test signs up from 127.0.0.1: raise the per-address and per-user abuse limits.
        LIMIT_REGISTRATIONS_PER_HOUR: '100000',
        LIMIT_ROOMS_PER_HOUR: '100000',
        LIMIT_ROOM_JOINS_PER_MINUTE: '100000',
        LIMIT_HISTORY_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    let exited = false;
    child.once('exit', () => (exited = true));
    await waitFor(
      async () => {
        if (exited) throw new Error(`server exited during start-up:\n${this.logTail()}`);
        const res = await fetch(`${this.url}/api/health`).catch(() => null);
        return res?.status === 200;
      },
      {
        timeout: 30_000,
        interval: 100,
        message: () => `server did not become healthy:\n${this.logTail()}`,
      },
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logPath, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.log?.end();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
