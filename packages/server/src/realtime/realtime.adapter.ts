import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { IncomingMessage } from 'node:http';
import { isOriginAllowed, type AppConfig } from '../config/config';
import type { RedisService } from '../redis/redis.module';
import type { Server, ServerOptions } from 'socket.io';

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
    if (this.redis)
      server.adapter(
        createAdapter(this.redis.pub, this.redis.sub, { key: `${this.redis.key}socket.io` }),
      );
    return server;
  }
}

/** Serves the realtime connection on the app, through Redis when several processes act as one. */
export function useRealtime(app: INestApplication, redis: RedisService, config: AppConfig): void {
  app.useWebSocketAdapter(
    new AppSocketIoAdapter(
      app,
      redis.client ? { pub: redis.client, sub: redis.duplicate(), key: redis.prefix } : null,
      config,
    ),
  );
}
