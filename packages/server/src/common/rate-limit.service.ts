import { Injectable } from '@nestjs/common';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RedisService } from '../redis/redis.module';
import { AppError } from './app-error';

export interface LimitSpec {
  /** Key prefix, unique per limiter. */
  name: string;
  points: number;
  durationSeconds: number;
  /** Block for this long once exhausted. */
  blockSeconds?: number;
  /** Keep the counter in this process even with Redis (e.g. per-socket limits). */
  local?: boolean;
}

/** Builds rate limiters backed by Redis when configured (shared by all processes), memory otherwise. */
@Injectable()
export class RateLimitService {
  constructor(private readonly redis: RedisService) {}

  create(spec: LimitSpec): Limiter {
    const options = {
      keyPrefix: `${this.redis.prefix}rl:${spec.name}`,
      points: spec.points,
      duration: spec.durationSeconds,
      blockDuration: spec.blockSeconds ?? 0,
    };
    const limiter: RateLimiterAbstract =
      this.redis.client && !spec.local
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis.client,
            insuranceLimiter: new RateLimiterMemory(options),
          })
        : new RateLimiterMemory(options);
    return new Limiter(limiter);
  }
}

export class Limiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** Consumes a point; throws AppError RATE_LIMITED when the key is exhausted. */
  async consume(key: string, points = 1): Promise<void> {
    try {
      await this.limiter.consume(key, points);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw AppError.rateLimited(Math.ceil(e.msBeforeNext / 1000));
      throw e;
    }
  }

  /** Throws RATE_LIMITED if the key is already exhausted, without consuming. */
  async check(key: string): Promise<void> {
    const res = await this.limiter.get(key);
    if (res && res.remainingPoints <= 0)
      throw AppError.rateLimited(Math.ceil(res.msBeforeNext / 1000));
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
