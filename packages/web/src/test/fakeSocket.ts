import type { Ack } from '@minimeet/contract';
import type { ChatSocket, SocketAuth } from '../lib/socket';

type Handler = (...args: unknown[]) => void;
export interface SentEvent {
  event: string;
  payload: unknown;
  timeoutMs: number;
  reply: (ack: Ack<unknown>) => void;
  fail: (error: Error) => void;
}

/** Enough of a Socket.IO client socket to drive the connection manager in tests. */
export class FakeSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  readonly sent: SentEvent[] = [];
  private handlers = new Map<string, Set<Handler>>();

  constructor(readonly auth: SocketAuth) {}

  on(event: string, handler: Handler) {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }
  off(event: string, handler: Handler) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    this.connectCalls += 1;
    this.active = true;
    return this;
  }
  disconnect() {
    this.active = false;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }
  timeout(ms: number) {
    return {
      emit: (
        event: string,
        payload: unknown,
        cb: (err: Error | null, res?: Ack<unknown>) => void,
      ) => {
        this.sent.push({
          event,
          payload,
          timeoutMs: ms,
          reply: (ack) => cb(null, ack),
          fail: (e) => cb(e),
        });
      },
    };
  }

  // ---- test controls ----
  fire(event: string, ...args: unknown[]) {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(...args);
  }
  token(): unknown {
    let data: unknown;
    this.auth((d) => (data = d));
    return data;
  }
  serverAccepts() {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }
  drop(reason = 'transport close') {
    this.connected = false;
    this.active = reason !== 'io server disconnect';
    this.fire('disconnect', reason);
  }
  refuse(message: string) {
    this.connected = false;
    this.active = false;
    this.fire('connect_error', new Error(message));
  }
  transportError() {
    this.connected = false;
    this.fire('connect_error', new Error('websocket error'));
  }
  sentOf(event: string) {
    return this.sent.filter((s) => s.event === event);
  }
  asSocket(): ChatSocket {
    return this as unknown as ChatSocket;
  }
}
