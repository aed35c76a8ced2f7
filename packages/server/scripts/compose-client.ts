/**
 * What the compose checks (compose-chat.ts, compose-sfu.ts) share: REST calls, signing up and
 * in, Socket.IO connections and typed acknowledgements against a running deployment.
 */
import type {
  Ack,
  AuthResponse,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@minimeet/contract';
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const TIMEOUT_MS = 10_000;

export function baseUrl(): string {
  return (process.argv[2] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
}

export async function call<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function signUpAndIn(base: string, name: string): Promise<AuthResponse> {
  const username = `${name}_${randomBytes(3).toString('hex')}`;
  const password = `correct horse battery ${randomBytes(4).toString('hex')}`;
  await call<AuthResponse>(base, 'POST', '/api/auth/register', {
    username,
    email: `${username}@example.test`,
    password,
  });
  return call<AuthResponse>(base, 'POST', '/api/auth/login', { login: username, password });
}

export async function connect(base: string, token: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(base, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: TIMEOUT_MS,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

type AckedEvent = {
  [E in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[E]>[1] extends (
    ack: never,
  ) => void
    ? E
    : never;
}[keyof ClientToServerEvents];

type AckOf<E extends AckedEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Emits a client event and resolves with its acknowledgement, typed from the contract. */
export function ask<E extends AckedEvent>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckOf<E>> {
  const withTimeout = socket.timeout(TIMEOUT_MS) as unknown as {
    emitWithAck(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<AckOf<E>>;
  };
  return withTimeout.emitWithAck(event, payload);
}

/** The data of a successful acknowledgement; throws with the error code otherwise. */
export function unwrap<T>(what: string, ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`${what} refused: ${ack.error.code}`);
  return ack.data;
}

export function fail(check: string, error: unknown): never {
  console.error(`${check} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
