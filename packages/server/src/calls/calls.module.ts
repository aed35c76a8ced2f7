import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RoomsModule } from '../rooms/rooms.module';
import { RtcModule } from '../rtc/rtc.module';
import { SfuEngineModule } from '../sfu/sfu-engine.module';
import { DatabaseModule } from '../database/database.module';
import { PresenceModule } from '../presence/presence.module';
import { RedisService } from '../redis/redis.module';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CallHistoryService } from './call-history.service';
import { CallSignalService } from './call-signal.service';
import { CALL_STORE, MemoryCallStore, type CallStore } from './call.store';
import { CallLimitsController } from './call-limits.controller';
import { CallsController } from './calls.controller';
import { CallsGateway } from './calls.gateway';
import { CallsService } from './calls.service';
import { IceServersController } from './ice-servers.controller';
import { RedisCallStore } from './redis-call.store';

/** Video calls: signalling over Socket.IO, ICE servers, and call history. */
@Module({
  imports: [DatabaseModule, AuthModule, PresenceModule, RoomsModule, RtcModule, SfuEngineModule],
  controllers: [CallsController, CallLimitsController, IceServersController],
  providers: [
    {
      provide: CALL_STORE,
      inject: [RedisService, APP_CONFIG],
      useFactory: (redis: RedisService, config: AppConfig): CallStore =>
        redis.client
          ? new RedisCallStore(redis.client, redis.prefix, config.presenceTtlMs)
          : new MemoryCallStore(),
    },
    CallsService,
    CallSignalService,
    CallHistoryService,
    CallsGateway,
  ],
  exports: [CallsService],
})
export class CallsModule {}
