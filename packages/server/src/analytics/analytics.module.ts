import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { QualitySamples } from './quality-samples';
import { QualityTimelineService } from './quality-timeline.service';

/** Room dashboards, call quality timelines and the administrators' overview; listens to call events. */
@Module({
  imports: [DatabaseModule, AuthModule, PresenceModule, RoomsModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsService, QualityTimelineService, QualitySamples],
})
export class AnalyticsModule {}
