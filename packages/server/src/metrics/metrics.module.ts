import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { MetricsController } from './metrics.controller';
import { MetricsGuard } from './metrics.guard';
import { MetricsService } from './metrics.service';

/** Prometheus metrics: the registry every layer reports to, and GET /metrics. */
@Global()
@Module({
  imports: [DatabaseModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsGuard],
  exports: [MetricsService],
})
export class MetricsModule {}
