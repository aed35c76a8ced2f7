/**
 * Test harness: boots the real app (HTTP + Socket.IO) on a random port against SQLite or
 * MariaDB + Redis (TEST_DB=mysql), and drives it with real HTTP and Socket.IO clients.
 */
import type { AuthResponse, ClientToServerEvents, ServerToClientEvents } from '@minimeet/contract';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../src/app.factory';
import { loadConfig, type AppConfig } from '../src/config/config';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const useMysql = process.env.TEST_DB === 'mysql';

export interface TestBackend {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A fresh database (and Redis key prefix) for one test file. */
export async function createBackend(): Promise<TestBackend> {
  const id = randomBytes(4).toString('hex');
  if (!useMysql) {
    const dir = mkdtempSync(join(tmpdir(), 'minimeet-test-'));
    return {
      env: { DATABASE_URL: join(dir, 'test.sqlite'), DATA_DIR: dir },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const { createConnection } = await import('mysql2/promise');
  const name = `minimeet_test_${id}`;
  const admin = await createConnection(MYSQL_ADMIN_URL.replace(/^mariadb:/, 'mysql:'));
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `mmtest:${id}:` },
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
      await clearRedisPrefix(`mmtest:${id}:`);
    },
  };
}

async function clearRedisPrefix(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Tests register many accounts from 127.0.0.1 and enter rooms quickly: the abuse limits are raised
 * here, and test/security-limits.test.ts checks them at their real values.
 */
export const TEST_LIMITS: Record<string, string> = {
  LIMIT_REGISTRATIONS_PER_HOUR: '100000',
  LIMIT_ROOMS_PER_HOUR: '100000',
  LIMIT_ROOM_JOINS_PER_MINUTE: '100000',
  LIMIT_HISTORY_PER_MINUTE: '100000',
};

export interface TestServer {
  url: string;
  config: AppConfig;
  app: INestApplication;
  close(): Promise<void>;
}

export async function startServer(env: Record<string, string>): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: 'test-secret-0123456789abcdef',
    WEB_DIST_DIR: 'none',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    // Mesh-only unless a test asks for the SFU (which starts a real Janus).
    CALL_MEDIA: 'mesh',
    ...TEST_LIMITS,
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as HttpServer).address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, config, app, close: () => app.close() };
}

/** Test context of one file: a backend and one server on it. */
export async function startStack(
  env: Record<string, string> = {},
): Promise<{ server: TestServer; backend: TestBackend; stop(): Promise<void> }> {
  const backend = await createBackend();
  const server = await startServer({ ...backend.env, ...env });
  return {
    server,
    backend,
    stop: async () => {
      await server.close();
      await backend.cleanup();
    },
  };
}

/**
 * The servers of one test file on one backend: one on SQLite; two on MariaDB + Redis, which act
 * as one (a test spreads its users over them with `url(i)` to prove events cross processes).
 */
export interface TestCluster {
  servers: TestServer[];
  backend: TestBackend;
  /** The url of server `i` modulo the number of servers. */
  url(i: number): string;
  /** Another server on the same backend, with more settings (closed by `stop`). */
  add(env: Record<string, string>): Promise<TestServer>;
  stop(): Promise<void>;
}

export async function startCluster(env: Record<string, string> = {}): Promise<TestCluster> {
  const backend = await createBackend();
  const servers = [await startServer({ ...backend.env, ...env })];
  if (useMysql) servers.push(await startServer({ ...backend.env, ...env }));
  const extra: TestServer[] = [];
  return {
    servers,
    backend,
    url: (i) => (servers[i % servers.length] as TestServer).url,
    add: async (more) => {
      const server = await startServer({ ...backend.env, ...env, ...more });
      extra.push(server);
      return server;
    },
    stop: async () => {
      for (const s of [...servers, ...extra]) await s.close();
      await backend.cleanup();
    },
  };
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; cookie?: string; raw?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined || options.raw !== undefined)
    headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

let userCounter = 0;
export interface TestUser extends AuthResponse {
  password: string;
  cookie: string;
}

export async function registerUser(base: string, name?: string): Promise<TestUser> {
  const username =
    name ?? `user${process.pid % 1000}_${++userCounter}_${randomBytes(2).toString('hex')}`;
  const password = 'correct horse battery';
  const res = await api<AuthResponse>(base, 'POST', '/api/auth/register', {
    body: { username, email: `${username}@example.test`, password },
  });
  if (res.status !== 201)
    throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, password, cookie: refreshCookie(res.headers) };
}

export function refreshCookie(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith('mm_refresh='));
  return set ? (set.split(';')[0] ?? '') : '';
}

export function connect(base: string, token: string | undefined): ClientSocket {
  return io(base, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

export async function connected(base: string, token: string): Promise<ClientSocket> {
  const socket = connect(base, token);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Resolves with the next event of that name that satisfies `match`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`timed out waiting for ${String(event)}`));
    }, timeoutMs);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}

/** Emits an event and resolves with its ack (typed from the contract). */
export function emitAck<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: unknown,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return (
    socket.timeout(5_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<never> }
  ).emitWithAck(event, payload);
}
