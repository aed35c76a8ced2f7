import type { HealthResponse } from '@minimeet/contract';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { RedisService } from '../redis/redis.module';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisService,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [db, redis] = await Promise.all([this.pingDb(), this.redis.ping()]);
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
