import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CallsModule } from '../calls/calls.module';
import { RedisService } from '../redis/redis.module';
import { RoomsModule } from '../rooms/rooms.module';
import { HandsGateway } from './hands.gateway';
import { HandsService } from './hands.service';
import { HAND_STORE, MemoryHandStore, RedisHandStore, type HandStore } from './hands.store';

/** Raise hand and reactions in calls. */
@Module({
  imports: [AuthModule, RoomsModule, CallsModule],
  providers: [
    {
      provide: HAND_STORE,
      inject: [RedisService],
      useFactory: (redis: RedisService): HandStore =>
        redis.client ? new RedisHandStore(redis.client, redis.prefix) : new MemoryHandStore(),
    },
    HandsService,
    HandsGateway,
  ],
})
export class HandsModule {}
