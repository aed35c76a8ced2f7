import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/** Largest socket frame accepted; bigger ones close the socket (Socket.IO's own guard). */
export const SOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;

/** Socket.IO with a payload cap, and the Redis adapter when several processes act as one. */
export class AppSocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: { pub: Redis; sub: Redis; key: string } | null,
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
    }) as Server;
    if (this.redis)
      server.adapter(
        createAdapter(this.redis.pub, this.redis.sub, { key: `${this.redis.key}socket.io` }),
      );
    return server;
  }
}
