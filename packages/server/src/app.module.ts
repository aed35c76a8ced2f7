import { Module, type DynamicModule } from '@nestjs/common';
import { AnalyticsModule } from './analytics/analytics.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { CallsModule } from './calls/calls.module';
import { ChatModule } from './chat/chat.module';
import { DomainEventsModule } from './common/domain-events.module';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { GuestsModule } from './guests/guests.module';
import { HandsModule } from './hands/hands.module';
import { ModerationModule } from './moderation/moderation.module';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { ReadsModule } from './reads/reads.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RedisModule } from './redis/redis.module';
import { RoomsModule } from './rooms/rooms.module';
import { SearchModule } from './search/search.module';
import { SfuModule } from './sfu/sfu.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        DatabaseModule,
        DomainEventsModule,
        MetricsModule,
        RealtimeModule,
        AuthModule,
        RoomsModule,
        GuestsModule,
        ChatModule,
        ReadsModule,
        AttachmentsModule,
        SearchModule,
        CallsModule,
        SfuModule,
        HandsModule,
        ModerationModule,
        AnalyticsModule,
      ],
      controllers: [HealthController],
    };
  }
}
