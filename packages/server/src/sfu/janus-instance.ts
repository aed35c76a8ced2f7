import { Logger } from '@nestjs/common';
import { JanusConnection, type JanusSession, type VideoRoomAdmin } from './janus/janus-client';

/** What a call needs of the Janus instance it is pinned to. */
export interface JanusEndpoint {
  readonly url: string;
  readonly apiSecret: string;
  readonly adminKey: string | undefined;
}

type Listener = () => void;

/**
 * One Janus instance as this process sees it: a connection, a session for room administration,
 * and whether it is up. Reconnects on its own after the connection is lost.
 */
export class JanusInstance implements JanusEndpoint {
  private readonly logger = new Logger('JanusInstance');
  private connection: JanusConnection | null = null;
  private adminSession: JanusSession | null = null;
  private adminHandle: VideoRoomAdmin | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  /** Bumped each time a new connection comes up: handles of an older generation are dead. */
  generation = 0;
  private readonly lostListeners = new Set<Listener>();
  private readonly upListeners = new Set<Listener>();

  constructor(
    readonly url: string,
    readonly apiSecret: string,
    readonly adminKey: string | undefined,
  ) {}

  get up(): boolean {
    return this.connection !== null;
  }

  onLost(listener: Listener): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  onUp(listener: Listener): () => void {
    this.upListeners.add(listener);
    return () => this.upListeners.delete(listener);
  }

  /** Connects (or waits for the connection in progress); throws when Janus cannot be reached. */
  async connect(): Promise<void> {
    if (this.connection || this.closed) return;
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  /**
   * Waits until the instance is up, for at most `timeoutMs` (a supervised Janus restarting takes
   * about a second); throws when it is still down then.
   */
  async ready(timeoutMs = 8_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.connect();
        if (this.connection) return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
      }
      if (this.closed || Date.now() >= deadline) throw new Error(`Janus at ${this.url} is down`);
      await new Promise<void>((resolve) => {
        const off = this.onUp(() => {
          off();
          clearTimeout(timer);
          resolve();
        });
        const timer = setTimeout(() => {
          off();
          resolve();
        }, 250);
      });
    }
  }

  /** Keeps trying to connect every `everyMs` until it works or the instance is closed. */
  connectInBackground(everyMs = 500): void {
    if (this.closed || this.connection || this.retry) return;
    this.connect().catch(() => {
      this.retry = setTimeout(() => {
        this.retry = null;
        this.connectInBackground(everyMs);
      }, everyMs);
      this.retry.unref();
    });
  }

  async session(): Promise<JanusSession> {
    await this.ready();
    if (!this.connection) throw new Error('Janus is not connected');
    return this.connection.createSession();
  }

  async admin(): Promise<VideoRoomAdmin> {
    await this.ready();
    if (this.adminHandle) return this.adminHandle;
    if (!this.connection) throw new Error('Janus is not connected');
    this.adminSession = await this.connection.createSession();
    this.adminHandle = await this.adminSession.attachAdmin();
    return this.adminHandle;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const connection = this.connection;
    this.connection = null;
    await connection?.close();
  }

  private async open(): Promise<void> {
    const connection = await JanusConnection.connect(this.url, this.apiSecret);
    if (this.closed) {
      await connection.close();
      return;
    }
    this.connection = connection;
    this.generation += 1;
    connection.onLost(({ reason }) => {
      if (this.connection !== connection) return;
      this.logger.warn(`lost Janus at ${this.url}: ${reason}`);
      this.connection = null;
      this.adminSession = null;
      this.adminHandle = null;
      for (const listener of [...this.lostListeners]) listener();
      this.connectInBackground();
    });
    this.logger.log(`connected to Janus at ${this.url}`);
    for (const listener of [...this.upListeners]) listener();
  }
}
