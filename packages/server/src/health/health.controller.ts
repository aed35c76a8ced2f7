import type { HealthResponse } from '@minimeet/contract';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { RedisService } from '../redis/redis.module';

/** Each dependency must answer within this, so the whole check answers in under a second. */
const PING_TIMEOUT_MS = 500;

/** `work`'s outcome, or `fallback` once `ms` passed without one (a hung dependency). */
function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisService,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [db, redis] = await Promise.all([
      within(this.pingDb(), PING_TIMEOUT_MS, 'down' as const),
      within(this.redis.ping(), PING_TIMEOUT_MS, 'down' as const),
    ]);
    const body: HealthResponse = {
      status: db === 'up' && redis !== 'down' ? 'ok' : 'degraded',
      db,
      redis,
    };
    if (db === 'down') res.status(503);
    return body;
  }

  private async pingDb(): Promise<'up' | 'down'> {
    try {
      await this.db.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }
}
