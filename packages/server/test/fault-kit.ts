/**
 * Fault injection for tests: a Redis server of the test's own (never the machine's shared one)
 * that can be killed and started again, and a TCP proxy in front of MariaDB that can cut or hang
 * every connection. Everything listens on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { stopChild } from './stop-child';

/** Resolves once something accepts TCP connections on the port. */
async function listening(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface OwnRedis {
  url: string;
  /** SIGKILL: every key is lost (no persistence), every connection drops. */
  kill(): Promise<void>;
  /** A fresh, empty Redis on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server on a free port in a temp dir, without persistence. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'minimeet-redis-'));
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: 'ignore' },
    );
    const failed = new Promise<never>((_, reject) =>
      proc.once('error', (e) => reject(new Error(`redis-server did not start: ${e.message}`))),
    );
    child = proc;
    await Promise.race([listening(port), failed]);
  };
  const kill = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (proc) await stopChild(proc, 'SIGKILL');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ProxyMode = 'forward' | 'cut' | 'hang';

export interface TcpProxy {
  port: number;
  /** forward: a plain pipe. cut: every connection closed, new ones refused at once. hang: bytes held. */
  set(mode: ProxyMode): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy the test controls, in front of `target`. `hang` is a database that stops answering:
 * connections stay open (and new ones are accepted) but nothing is forwarded, either way.
 */
export async function startProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const pipe = (pair: { client: Socket; upstream: Socket }): void => {
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  };
  const unpipe = (pair: { client: Socket; upstream: Socket }): void => {
    pair.client.unpipe(pair.upstream);
    pair.upstream.unpipe(pair.client);
    pair.client.pause();
    pair.upstream.pause();
  };
  const server: Server = createServer((client) => {
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = createConnection(targetPort, targetHost);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    if (mode === 'forward') pipe(pair);
    else unpipe(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    set: (next) => {
      if (next === mode) return;
      const previous = mode;
      mode = next;
      for (const pair of [...pairs]) {
        if (next === 'cut') {
          pair.client.destroy();
          pair.upstream.destroy();
        } else if (next === 'hang') unpipe(pair);
        else if (previous === 'hang') pipe(pair);
      }
    },
    close: async () => {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
