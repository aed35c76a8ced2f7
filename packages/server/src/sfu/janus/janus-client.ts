/**
 * Entry point of the Janus client: a connection to one Janus instance's WebSocket API and the
 * sessions on it. Handles for the videoroom plugin are created from a session.
 *
 *   const connection = await JanusConnection.connect('ws://127.0.0.1:8188', apiSecret);
 *   connection.onLost((reason) => ...);
 *   const session = await connection.createSession();
 *   const admin = await session.attachAdmin();        // createRoom / destroyRoom
 *   const publisher = await session.attachPublisher();
 *   const subscriber = await session.attachSubscriber();
 */
import { Logger } from '@nestjs/common';
import Janode, { type JanodeConnection, type JanodeSession } from 'janode';
import VideoRoomPlugin from 'janode/plugins/videoroom';
import { routeJanodeLogs } from './janode-logging';
import { janusRequest } from './janus-errors';
import { TypedEvents } from './typed-events';
import { VideoRoomAdmin } from './videoroom-admin';
import { VideoRoomPublisher } from './videoroom-publisher';
import { VideoRoomSubscriber } from './videoroom-subscriber';

export * from './janus-errors';
export type * from './janus-types';
export { VideoRoomAdmin, type CreateRoomOptions } from './videoroom-admin';
export { VideoRoomPublisher, type JoinedRoom, type Published } from './videoroom-publisher';
export {
  VideoRoomSubscriber,
  type Subscription,
  type StreamConfiguration,
} from './videoroom-subscriber';

export interface JanusClientOptions {
  /** Deadline for each request to Janus. Default 10 s. */
  requestTimeoutMs?: number;
  /** Deadline for opening the WebSocket. Default 5 s. */
  connectTimeoutMs?: number;
  /** Create and destroy a session on connect so a wrong API secret fails here. Default true. */
  verifySecret?: boolean;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export class JanusSession {
  private readonly events = new TypedEvents<{ destroyed: Record<string, never> }>(
    new Logger(JanusSession.name),
  );

  constructor(
    private readonly session: JanodeSession,
    private readonly requestTimeoutMs: number,
  ) {
    session.once(Janode.EVENT.SESSION_DESTROYED, () => {
      this.events.emit('destroyed', {});
      this.events.clear();
    });
  }

  get id(): number {
    return this.session.id;
  }

  onDestroyed(listener: () => void): () => void {
    return this.events.on('destroyed', listener);
  }

  async attachAdmin(): Promise<VideoRoomAdmin> {
    return new VideoRoomAdmin(await this.attach(), this.requestTimeoutMs);
  }

  async attachPublisher(): Promise<VideoRoomPublisher> {
    return new VideoRoomPublisher(await this.attach(), this.requestTimeoutMs);
  }

  async attachSubscriber(): Promise<VideoRoomSubscriber> {
    return new VideoRoomSubscriber(await this.attach(), this.requestTimeoutMs);
  }

  /** Destroys the session and, in Janus, every handle on it. */
  async destroy(): Promise<void> {
    await janusRequest('destroy session', () => this.session.destroy(), this.requestTimeoutMs);
  }

  private attach() {
    return janusRequest(
      'attach',
      () => this.session.attach(VideoRoomPlugin),
      this.requestTimeoutMs,
    );
  }
}

export class JanusConnection {
  private readonly events = new TypedEvents<{ lost: { reason: string } }>(
    new Logger(JanusConnection.name),
  );
  private closing = false;

  private constructor(
    private readonly connection: JanodeConnection,
    private readonly requestTimeoutMs: number,
  ) {
    connection.once(Janode.EVENT.CONNECTION_ERROR, (error: unknown) => {
      if (this.closing) return;
      this.events.emit('lost', { reason: error instanceof Error ? error.message : String(error) });
      this.events.clear();
    });
  }

  static async connect(
    url: string,
    apiSecret: string,
    options: JanusClientOptions = {},
  ): Promise<JanusConnection> {
    routeJanodeLogs();
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    const raw = await janusRequest(
      'connect',
      () =>
        Janode.connect({
          // An empty secret sends none (janode skips falsy secrets).
          address: { url, apisecret: apiSecret },
          max_retries: 0,
          retry_time_secs: 0,
          ws_options: { handshakeTimeout: connectTimeoutMs },
        }),
      connectTimeoutMs + 1_000,
    );
    const connection = new JanusConnection(raw, requestTimeoutMs);
    if (options.verifySecret !== false) {
      try {
        const session = await connection.createSession();
        await session.destroy();
      } catch (error) {
        await connection.close();
        throw error;
      }
    }
    return connection;
  }

  /** Unexpected loss of the WebSocket (Janus died or the network broke); not fired by close(). */
  onLost(listener: (event: { reason: string }) => void): () => void {
    return this.events.on('lost', listener);
  }

  async createSession(): Promise<JanusSession> {
    const session = await janusRequest(
      'create session',
      () => this.connection.create(),
      this.requestTimeoutMs,
    );
    return new JanusSession(session, this.requestTimeoutMs);
  }

  /** Server info (version, plugins, transports); Janus answers it without the API secret. */
  async info(): Promise<Readonly<Record<string, unknown>>> {
    return janusRequest('info', () => this.connection.getInfo(), this.requestTimeoutMs);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.events.clear();
    await this.connection.close().catch(() => undefined);
  }
}
