/**
 * `npm run cluster` driven from a test: starts it in a temporary state dir on its own ports,
 * reads its processes' pids and HAProxy's view of them, and connects Socket.IO clients through the
 * balancer that know which app process they landed on (HAProxy's X-MiniMeet-Instance header on
 * the WebSocket upgrade).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { ClientSocket } from './harness';
import { stopChild } from './stop-child';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'cluster', 'cluster.mjs');

export type Instance = 'app1' | 'app2';

export interface Cluster {
  url: string;
  /** The pid of one of the cluster's processes (read from its pid file, so current). */
  pid(name: Instance | 'haproxy'): number;
  /** HAProxy's status of each app process (UP, DOWN, "DOWN 1/2"...). */
  status(): Promise<Record<Instance, string>>;
  stop(): Promise<void>;
}

export async function startCluster(env: Record<string, string>): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cluster-'));
  // Clear of the Janus RTP range (20000-20999), of the defaults (8080-8086) and of the kernel's
  // ephemeral ports (32768 and up): a listener on a port a client connection took fails to bind.
  const base = 22_000 + (process.pid % 800) * 10;
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    // TMPDIR: what the processes leave in it (the Janus folders of an app killed with -9) goes
    // with the cluster's folder at stop.
    env: {
      ...process.env,
      ...env,
      CLUSTER_DIR: dir,
      CLUSTER_PORT_BASE: String(base),
      TMPDIR: dir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('[cluster] ready')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`cluster exited (${code}):\n${output}`)));
  });
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (e) {
    await stop();
    throw e;
  }
  const statsUrl = `http://127.0.0.1:${base + 6}/stats;csv`;
  return {
    url: `http://127.0.0.1:${base}`,
    pid: (name) => Number(readFileSync(join(dir, 'run', `${name}.pid`), 'utf8')),
    status: async () => {
      const csv = await (await fetch(statsUrl)).text();
      const status = { app1: '', app2: '' };
      for (const cols of csv.split('\n').map((line) => line.split(','))) {
        if (cols[0] === 'apps' && (cols[1] === 'app1' || cols[1] === 'app2'))
          status[cols[1]] = cols[17] ?? '';
      }
      return status;
    },
    stop,
  };
}

export interface TrackedSocket {
  socket: ClientSocket;
  /** The app process the current (or last) connection went to. */
  instance(): Instance | undefined;
}

interface ManagerInternals {
  open: (...args: unknown[]) => unknown;
  engine: {
    transport: { ws?: { once(event: 'upgrade', listener: (res: IncomingMessage) => void): void } };
  };
}

/** A client that reconnects on its own (as the web client does) and knows where it landed. */
export function trackedSocket(url: string, token: string): TrackedSocket {
  const socket: ClientSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    autoConnect: false,
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  let instance: Instance | undefined;
  // Every connection attempt (the first and each reconnection) opens a new engine: read the
  // header of its WebSocket upgrade.
  const manager = socket.io as unknown as ManagerInternals;
  const open = manager.open.bind(manager);
  manager.open = (...args: unknown[]) => {
    const result = open(...args);
    manager.engine.transport.ws?.once('upgrade', (res) => {
      const header = res.headers['x-minimeet-instance'];
      instance = header === 'app1' || header === 'app2' ? header : undefined;
    });
    return result;
  };
  socket.connect();
  return { socket, instance: () => instance };
}

/** Resolves on the socket's next `connect`. */
export function connectedAgain(socket: ClientSocket, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('did not reconnect')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
