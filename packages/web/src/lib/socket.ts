import {
  UNAUTHORIZED_CONNECT_ERROR,
  type Ack,
  type AckCallback,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@minimeet/contract';
import type { Socket } from 'socket.io-client';
import { AppError, ClientErrorCode, toAppErrorCode } from './errors';
import { createStore, type ReadableStore } from './store';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';
export type SocketAuth = (cb: (data: object) => void) => void;

export type RequestEvent = keyof ClientToServerEvents;
export type RequestPayload<E extends RequestEvent> = Parameters<ClientToServerEvents[E]>[0];
export type RequestResult<E extends RequestEvent> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;
type Handler<E extends keyof ServerToClientEvents> = ServerToClientEvents[E];

export interface ConnectionDeps {
  /** Creates a socket that does not connect by itself (autoConnect: false). */
  createSocket: (auth: SocketAuth) => ChatSocket;
  getToken: () => string | null;
  refreshToken: () => Promise<string | null>;
  isBrowserOnline?: () => boolean;
  requestTimeoutMs?: number;
  /** Consecutive failed connection attempts after which we say "offline" instead of "reconnecting". */
  offlineAfterFailures?: number;
  /** Delay before trying again when the token refresh itself failed (server unreachable). */
  retryDelayMs?: number;
}

export interface Connection extends ReadableStore<ConnectionStatus> {
  start: () => void;
  stop: () => void;
  isConnected: () => boolean;
  /** Emits an event and resolves with the ack's data; rejects with an AppError (never buffers). */
  request: <E extends RequestEvent>(
    event: E,
    payload: RequestPayload<E>,
    timeoutMs?: number,
  ) => Promise<RequestResult<E>>;
  on: <E extends keyof ServerToClientEvents>(event: E, handler: Handler<E>) => () => void;
  onConnect: (listener: () => void) => () => void;
  onDisconnect: (listener: () => void) => () => void;
  /** The browser says the network is back (or went away): re-evaluate. */
  networkChanged: () => void;
}

type AnyHandler = (...args: never[]) => void;
type LooseSocket = {
  on: (event: string, handler: AnyHandler) => void;
  off: (event: string, handler: AnyHandler) => void;
  timeout: (ms: number) => {
    emit: (
      event: string,
      payload: unknown,
      cb: (err: Error | null, res: Ack<unknown>) => void,
    ) => void;
  };
};

/**
 * The one Socket.IO connection: status for the UI, ack requests with timeouts, typed event
 * subscriptions that survive reconnects, and token refresh when the handshake says unauthorized.
 */
export function createConnection(deps: ConnectionDeps): Connection {
  const isOnline = deps.isBrowserOnline ?? (() => true);
  const timeoutDefault = deps.requestTimeoutMs ?? 8000;
  const offlineAfter = deps.offlineAfterFailures ?? 4;
  const status = createStore<ConnectionStatus>('idle');
  const handlers = new Map<string, Set<AnyHandler>>();
  const connectListeners = new Set<() => void>();
  const disconnectListeners = new Set<() => void>();
  let socket: ChatSocket | null = null;
  let everConnected = false;
  let failures = 0;
  let refreshing = false;
  let unauthorizedInARow = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const loose = (s: ChatSocket) => s as unknown as LooseSocket;

  function downStatus(): ConnectionStatus {
    if (!isOnline() || failures >= offlineAfter) return 'offline';
    return everConnected ? 'reconnecting' : 'connecting';
  }

  function retryLater(current: ChatSocket, renew: boolean): void {
    clearTimeout(retryTimer);
    const delay = Math.min(
      (deps.retryDelayMs ?? 2000) * 2 ** Math.max(0, unauthorizedInARow - 1),
      30_000,
    );
    retryTimer = setTimeout(() => {
      if (socket !== current || current.connected) return;
      if (renew) void renewAndReconnect(current);
      else current.connect();
    }, delay);
  }

  async function renewAndReconnect(current: ChatSocket): Promise<void> {
    if (refreshing) return;
    refreshing = true;
    try {
      const token = await deps.refreshToken();
      // No token: the session is over and its owner stops this connection.
      if (!token || socket !== current) return;
      // A fresh token refused again and again: the server is unwell, so back off.
      if (unauthorizedInARow > 2) retryLater(current, false);
      else current.connect();
    } catch {
      if (socket === current) retryLater(current, true);
    } finally {
      refreshing = false;
    }
  }

  function start(): void {
    if (socket) return;
    const current = deps.createSocket((cb) => cb({ token: deps.getToken() }));
    socket = current;
    everConnected = false;
    failures = 0;
    current.on('connect', () => {
      everConnected = true;
      failures = 0;
      unauthorizedInARow = 0;
      status.setState('connected');
      for (const listener of [...connectListeners]) listener();
    });
    current.on('disconnect', (reason) => {
      for (const listener of [...disconnectListeners]) listener();
      if (socket !== current) return;
      status.setState(downStatus());
      // The server closed the socket on purpose (e.g. the token expired): renew, then come back.
      if (reason === 'io server disconnect') void renewAndReconnect(current);
    });
    current.on('connect_error', (error) => {
      failures += 1;
      status.setState(downStatus());
      // A refused handshake does not retry by itself: refresh the token, then connect again.
      if (error.message === UNAUTHORIZED_CONNECT_ERROR) {
        unauthorizedInARow += 1;
        void renewAndReconnect(current);
      } else if (!current.active) {
        retryLater(current, false);
      }
    });
    for (const [event, set] of handlers) for (const h of set) loose(current).on(event, h);
    status.setState('connecting');
    current.connect();
  }

  function stop(): void {
    clearTimeout(retryTimer);
    const current = socket;
    socket = null;
    if (current) {
      current.removeAllListeners();
      current.disconnect();
      for (const listener of [...disconnectListeners]) listener();
    }
    status.setState('idle');
  }

  function request<E extends RequestEvent>(
    event: E,
    payload: RequestPayload<E>,
    timeoutMs = timeoutDefault,
  ): Promise<RequestResult<E>> {
    const current = socket;
    // Never let Socket.IO buffer an emit while disconnected: callers decide what waits.
    if (!current?.connected) return Promise.reject(new AppError(ClientErrorCode.OFFLINE));
    return new Promise((resolve, reject) => {
      loose(current)
        .timeout(timeoutMs)
        .emit(event, payload, (err, res) => {
          if (err) reject(new AppError(ClientErrorCode.TIMEOUT, { cause: err }));
          else if (res.ok) resolve(res.data as RequestResult<E>);
          else reject(new AppError(toAppErrorCode(res.error.code)));
        });
    });
  }

  function on<E extends keyof ServerToClientEvents>(event: E, handler: Handler<E>): () => void {
    const h = handler as unknown as AnyHandler;
    let set = handlers.get(event);
    if (!set) handlers.set(event, (set = new Set()));
    set.add(h);
    if (socket) loose(socket).on(event, h);
    return () => {
      set.delete(h);
      if (socket) loose(socket).off(event, h);
    };
  }

  const listen = (set: Set<() => void>) => (listener: () => void) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  return {
    getState: status.getState,
    subscribe: status.subscribe,
    start,
    stop,
    isConnected: () => socket?.connected ?? false,
    request,
    on,
    onConnect: listen(connectListeners),
    onDisconnect: listen(disconnectListeners),
    networkChanged: () => {
      if (!socket || socket.connected) return;
      status.setState(downStatus());
      if (isOnline() && !socket.active) socket.connect();
    },
  };
}
