import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** How long boot waits for Redis before starting without it. */
const BOOT_WAIT_MS = 15_000;

/** The shared Redis connection, or null when REDIS_URL is not set (single-process mode). */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | null;
  readonly prefix: string;
  /** Work that may still talk to Redis (e.g. cleanup of sockets closed during shutdown). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.redisPrefix;
    this.client = config.redisUrl ? this.connect(config.redisUrl) : null;
  }

  /**
   * Boot waits (a while) for Redis: rate limits count in this process while Redis is not ready,
   * and the first requests should count where every process sees them. Redis down at boot is not
   * fatal: the app starts after the wait and catches up when Redis comes.
   */
  async onModuleInit(): Promise<void> {
    if (this.client) await this.whenReady(this.client, BOOT_WAIT_MS);
  }

  /** Resolves once `client` is connected (ioredis keeps retrying meanwhile), or after `ms`. */
  async whenReady(client: Redis, ms: number): Promise<void> {
    if (client.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      onReady = resolve;
      timer = setTimeout(resolve, ms);
      client.once('ready', onReady);
    });
    clearTimeout(timer);
    if (onReady) client.off('ready', onReady);
  }

  /** A new connection (the Socket.IO adapter needs a dedicated subscriber). */
  duplicate(): Redis {
    if (!this.client) throw new Error('Redis is not configured');
    // A subscriber sends no commands worth pipelining.
    return this.client.duplicate({ enableAutoPipelining: false });
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

  /** Keeps the connection open until `work` settles, even if the app is shutting down meanwhile. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  async onApplicationShutdown(): Promise<void> {
    // Sockets are closed before this hook: let their cleanup broadcasts go out first.
    await Promise.allSettled([...this.inFlight]);
    await this.client?.quit().catch(() => undefined);
  }

  private connect(url: string): Redis {
    const client = new Redis(url, {
      maxRetriesPerRequest: 3,
      enableOfflineQueue: true,
      // Commands issued in the same event-loop turn (publishes, rate limits, presence) go out in
      // one write instead of one system call each.
      enableAutoPipelining: true,
      // A connection attempt that gets no answer is retried after 3 s (ioredis waits 10 s).
      connectTimeout: 3_000,
      // Back within a second of Redis returning (ioredis waits up to 2 s by default).
      retryStrategy: (times: number) => Math.min(times * 100, 1000),
    });
    client.on('error', (err: Error) => this.logger.warn(`Redis error: ${err.message}`));
    return client;
  }
}

@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
