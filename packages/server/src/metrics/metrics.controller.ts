import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsGuard } from './metrics.guard';
import { MetricsService } from './metrics.service';

export const METRICS_PATH = 'metrics';

/** GET /metrics (outside /api) in the Prometheus text format. */
@ApiExcludeController()
@UseGuards(MetricsGuard)
@Controller(METRICS_PATH)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.metrics.metrics());
  }
}
