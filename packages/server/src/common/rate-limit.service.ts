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

export interface BackoffSpec {
  /** Key prefix, unique per backoff. */
  name: string;
  /** Attempts allowed per window before the first delay. */
  freeAttempts: number;
  windowSeconds: number;
  /** The first delay; each further one doubles, up to maxDelaySeconds. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** How long the doubling is remembered, from the first delay. */
  memorySeconds: number;
}

/** Builds rate limiters backed by Redis when configured (shared by all processes), memory otherwise. */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, Limiter>();

  constructor(private readonly redis: RedisService) {}

  create(spec: LimitSpec): Limiter {
    const limiter = new Limiter(
      this.store(spec.name, spec.points, spec.durationSeconds, spec.blockSeconds, spec.local),
    );
    this.limiters.set(spec.name, limiter);
    return limiter;
  }

  /**
   * Seconds the named limiter has left `key` refused for, known in this process without asking
   * the store (null: not known to be refused). Lets a refusal happen before any other work.
   */
  refusedFor(name: string, key: string): number | null {
    return this.limiters.get(name)?.refusedFor(key) ?? null;
  }

  /** An attempt budget with a growing delay once spent (see Backoff). Always shared via Redis. */
  createBackoff(spec: BackoffSpec): Backoff {
    return new Backoff(
      spec,
      this.store(`${spec.name}:n`, spec.freeAttempts, spec.windowSeconds),
      this.store(`${spec.name}:strikes`, 1_000_000, spec.memorySeconds),
    );
  }

  private store(
    name: string,
    points: number,
    duration: number,
    blockDuration = 0,
    local = false,
  ): RateLimiterAbstract {
    const options = {
      keyPrefix: `${this.redis.prefix}rl:${name}`,
      points,
      duration,
      blockDuration,
    };
    return this.redis.client && !local
      ? new RateLimiterRedis({
          ...options,
          storeClient: this.redis.client,
          // Redis down: count in this process at once instead of waiting for it to come back.
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
  }
}

/** What an allowed attempt consumed: give it back with `Backoff.refund` when it turns out fine. */
export interface BackoffTicket {
  key: string;
  points: number;
}

/**
 * Exponential backoff per key, counted atomically BEFORE the work it guards (so parallel
 * attempts cannot all slip through): `freeAttempts` per window, then the key waits
 * `baseDelaySeconds`, and after each wait only ONE attempt is allowed before the next wait,
 * twice as long (up to `maxDelaySeconds`). Every refused attempt answers 429 with Retry-After.
 */
export class Backoff {
  constructor(
    private readonly spec: BackoffSpec,
    private readonly attempts: RateLimiterAbstract,
    private readonly strikes: RateLimiterAbstract,
  ) {}

  /** Counts one attempt; throws AppError RATE_LIMITED (with Retry-After) while the key must wait. */
  async attempt(key: string): Promise<BackoffTicket> {
    const strikes = (await this.strikes.get(key))?.consumedPoints ?? 0;
    // After a wait, one attempt spends the whole allowance: the next one starts a longer wait.
    const points = strikes > 0 ? this.spec.freeAttempts : 1;
    try {
      await this.attempts.consume(key, points);
      return { key, points };
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      // Exactly one attempt crosses the allowance (the counter is atomic): it starts the wait.
      if (e.consumedPoints - points <= this.spec.freeAttempts) {
        const strike = (await this.strikes.penalty(key, 1)).consumedPoints;
        const delay = Math.min(
          this.spec.baseDelaySeconds * 2 ** Math.min(strike - 1, 30),
          this.spec.maxDelaySeconds,
        );
        await this.attempts.block(key, delay);
        throw AppError.rateLimited(delay);
      }
      throw AppError.rateLimited(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
    }
  }

  /** Gives back what an attempt consumed (it succeeded, or another check refused it). */
  async refund(ticket: BackoffTicket): Promise<void> {
    await this.attempts.reward(ticket.key, ticket.points);
  }

  /** Forgets the key's attempts and its doubling (the rightful owner got in). */
  async clear(key: string): Promise<void> {
    await Promise.all([this.attempts.delete(key), this.strikes.delete(key)]);
  }
}

/** Keys refused at most this many at once are remembered locally (a bound on memory). */
const MAX_REMEMBERED_REFUSALS = 100_000;

export class Limiter {
  /** Keys the store refused, until when (ms): every attempt before then is refused too. */
  private readonly refusedUntil = new Map<string, number>();

  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** Consumes a point; throws AppError RATE_LIMITED when the key is exhausted. */
  async consume(key: string, points = 1): Promise<void> {
    const known = this.refusedFor(key);
    if (known !== null) throw AppError.rateLimited(known);
    try {
      await this.limiter.consume(key, points);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      // The window's points are spent: no attempt can pass before it ends, on any process.
      if (this.refusedUntil.size >= MAX_REMEMBERED_REFUSALS) this.refusedUntil.clear();
      this.refusedUntil.set(key, Date.now() + e.msBeforeNext);
      throw AppError.rateLimited(Math.ceil(e.msBeforeNext / 1000));
    }
  }

  /** Seconds left on a refusal of `key` this process saw, or null. */
  refusedFor(key: string): number | null {
    const until = this.refusedUntil.get(key);
    if (until === undefined) return null;
    const left = until - Date.now();
    if (left <= 0) {
      this.refusedUntil.delete(key);
      return null;
    }
    return Math.max(1, Math.ceil(left / 1000));
  }
}
