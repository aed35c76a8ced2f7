import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/config';
import { RedisService } from '../redis/redis.module';
import { AppError } from './app-error';
import { RateLimitService } from './rate-limit.service';

// In the TEST_DB=mysql pass the counters live in the test Redis, as in production.
const redisUrl =
  process.env.TEST_DB === 'mysql' ? (process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379') : null;
const redis = new RedisService({
  redisUrl,
  redisPrefix: `mmtest:backoff:${randomBytes(4).toString('hex')}:`,
} as AppConfig);
// Limits count in this process while Redis is not ready (rejectIfRedisNotReady): start connected.
beforeAll(async () => {
  await redis.client?.ping();
});
afterAll(() => redis.onApplicationShutdown());

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function retryAfter(attempt: Promise<unknown>): Promise<number | 'allowed'> {
  try {
    await attempt;
    return 'allowed';
  } catch (e) {
    if (e instanceof AppError && e.retryAfterSeconds !== undefined) return e.retryAfterSeconds;
    throw e;
  }
}

describe('Backoff', () => {
  const backoff = new RateLimitService(redis).createBackoff({
    name: 'spec',
    freeAttempts: 2,
    windowSeconds: 60,
    baseDelaySeconds: 1,
    maxDelaySeconds: 4,
    memorySeconds: 60,
  });

  it('lets the free attempts through, then waits longer after each wait, one try at a time', async () => {
    const key = 'k1';
    expect(await retryAfter(backoff.attempt(key))).toBe('allowed');
    expect(await retryAfter(backoff.attempt(key))).toBe('allowed');
    expect(await retryAfter(backoff.attempt(key))).toBe(1);
    expect(await retryAfter(backoff.attempt(key))).toBe(1);
    await sleep(1_100);
    expect(await retryAfter(backoff.attempt(key))).toBe('allowed');
    expect(await retryAfter(backoff.attempt(key))).toBe(2);
    await sleep(2_100);
    expect(await retryAfter(backoff.attempt(key))).toBe('allowed');
    expect(await retryAfter(backoff.attempt(key))).toBe(4);
  });

  it('counts parallel attempts atomically, and a refund or clear gives them back', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => retryAfter(backoff.attempt('k2'))),
    );
    expect(results.filter((r) => r === 'allowed')).toHaveLength(2);
    await backoff.clear('k2');
    const ticket = await backoff.attempt('k2');
    await backoff.refund(ticket);
    await backoff.attempt('k2');
    expect(await retryAfter(backoff.attempt('k2'))).toBe('allowed');
  });
});

describe('Limiter', () => {
  const service = new RateLimitService(redis);
  const limiter = service.create({ name: 'spec-limiter', points: 2, durationSeconds: 60 });

  it('remembers a spent key, so the refusal is known before any other work', async () => {
    const key = `u-${randomBytes(3).toString('hex')}`;
    expect(service.refusedFor('spec-limiter', key)).toBeNull();
    await limiter.consume(key);
    await limiter.consume(key);
    expect(service.refusedFor('spec-limiter', key)).toBeNull();
    expect(await retryAfter(limiter.consume(key))).toBeGreaterThan(50);
    expect(service.refusedFor('spec-limiter', key)).toBeGreaterThan(50);
    expect(service.refusedFor('spec-limiter', 'someone-else')).toBeNull();
    expect(service.refusedFor('no-such-limiter', key)).toBeNull();
  });
});
