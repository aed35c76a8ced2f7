import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** The shared Redis connection, or null when REDIS_URL is not set (single-process mode). */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | null;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.redisPrefix;
    this.client = config.redisUrl ? this.connect(config.redisUrl) : null;
  }

  /** A new connection (the Socket.IO adapter needs a dedicated subscriber). */
  duplicate(): Redis {
    if (!this.client) throw new Error('Redis is not configured');
    return this.client.duplicate();
  }

  async ping(): Promise<'up' | 'down' | 'disabled'> {
    if (!this.client) return 'disabled';
    try {
      await this.client.ping();
      return 'up';
    } catch {
      return 'down';
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }

  private connect(url: string): Redis {
    const client = new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
    client.on('error', (err: Error) => this.logger.warn(`Redis error: ${err.message}`));
    return client;
  }
}

@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
