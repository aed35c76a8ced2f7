import { ServerEvent } from '@minimeet/contract';
import { Logger, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { IncomingMessage } from 'node:http';
import { OutageLog } from '../common/outage-log';
import { isOriginAllowed } from '../config/access-config';
import type { AppConfig } from '../config/config';
import type { RedisService } from '../redis/redis.module';
import type { Server, ServerOptions } from 'socket.io';
import type { AppServer } from './socket.types';

const logger = new Logger('RealtimeAdapter');
const publishOutages = new OutageLog(logger, 'Redis (delivery between processes)');

/**
 * The adapter's publishing connection. The adapter does not wait for `publish` (Socket.IO's emit
 * is fire-and-forget), so while Redis is down every broadcast would be an unhandled rejection:
 * here a failed publish is logged once per outage, and the catch-up below repairs what it lost.
 */
function safePublisher(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'publish')
        return (channel: string, message: string | Buffer): Promise<number> =>
          target.publish(channel, message).catch((error: unknown) => {
            publishOutages.failed(error);
            return 0;
          });
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** Messages sent this long before the connection to Redis dropped may have been lost with it. */
const IN_FLIGHT_MARGIN_MS = 2_000;

/**
 * After a Redis outage, messages published by the other processes in the meantime never reached
 * this process's connections: once the subscriber is back (its channels subscribed again, which
 * the PING answered after them proves), they are told to catch up from when it dropped.
 */
function catchUpAfterOutages(server: AppServer, sub: Redis): void {
  let downSince: number | null = null;
  sub.on('close', () => {
    downSince ??= Date.now();
  });
  sub.on('ready', () => {
    if (downSince === null) return;
    const since = new Date(downSince - IN_FLIGHT_MARGIN_MS).toISOString();
    // ioredis subscribes again right after 'ready': the PING queues behind those subscriptions.
    setImmediate(() => {
      sub
        .ping()
        .then(() => {
          downSince = null;
          logger.log(`Redis delivery resumed: connections told to catch up since ${since}`);
          server.local.emit(ServerEvent.CatchUp, { reason: 'delivery-interrupted', since });
        })
        .catch((error: unknown) => publishOutages.failed(error));
    });
  });
}

/** Largest socket frame accepted; bigger ones close the socket (Socket.IO's own guard). */
export const SOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;

/** The HTTP path the realtime connection uses (the web client's fallback must not serve it). */
export const REALTIME_PATH = '/socket.io';

/**
 * Socket.IO with a payload cap, the handshake refused from any Origin but the allowed ones
 * (PUBLIC_URL; WebSockets have no CORS, so `allowRequest` decides), and the Redis adapter when
 * several processes act as one.
 */
class AppSocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: { pub: Redis; sub: Redis; key: string } | null,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
      pingInterval: 10_000,
      pingTimeout: 8_000,
      serveClient: false,
      // Long-polling from another allowed origin (the Vite dev server without its proxy).
      cors: {
        origin: (
          origin: string | undefined,
          callback: (err: Error | null, allow?: boolean) => void,
        ) => callback(null, origin !== undefined && this.config.publicOrigins.includes(origin)),
        credentials: true,
      },
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null | undefined, success: boolean) => void,
      ) => {
        const allowed = isOriginAllowed(this.config, req.headers.origin, req.headers.host);
        callback(allowed ? null : 'Origin not allowed', allowed);
      },
    }) as Server;
    if (this.redis) {
      server.adapter(
        createAdapter(safePublisher(this.redis.pub), this.redis.sub, {
          key: `${this.redis.key}socket.io`,
        }),
      );
      catchUpAfterOutages(server as AppServer, this.redis.sub);
    }
    return server;
  }
}

/**
 * Serves the realtime connection on the app, through Redis when several processes act as one.
 * Boot waits for the subscriber as for the main connection: a process that cannot hear the others
 * should not take users yet.
 */
export async function useRealtime(
  app: INestApplication,
  redis: RedisService,
  config: AppConfig,
): Promise<void> {
  let pubSub: { pub: Redis; sub: Redis; key: string } | null = null;
  if (redis.client) {
    const sub = redis.duplicate();
    sub.on('error', (error: Error) => publishOutages.failed(error));
    await redis.whenReady(sub, 15_000);
    pubSub = { pub: redis.client, sub, key: redis.prefix };
  }
  app.useWebSocketAdapter(new AppSocketIoAdapter(app, pubSub, config));
}
