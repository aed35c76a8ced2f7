import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CallsModule } from '../calls/calls.module';
import { ChatModule } from '../chat/chat.module';
import { DatabaseModule } from '../database/database.module';
import { PresenceModule } from '../presence/presence.module';
import { RedisService } from '../redis/redis.module';
import { RoomsModule } from '../rooms/rooms.module';
import {
  MEDIA_BLOCK_STORE,
  MemoryMediaBlockStore,
  RedisMediaBlockStore,
  type MediaBlockStore,
} from './media-blocks.store';
import { ModerationLogService } from './moderation-log.service';
import { ModerationController } from './moderation.controller';
import { ModerationGateway } from './moderation.gateway';
import { ModerationService } from './moderation.service';

/** Moderator actions on people and messages in a room, and the moderation log. */
@Module({
  imports: [DatabaseModule, AuthModule, PresenceModule, RoomsModule, CallsModule, ChatModule],
  controllers: [ModerationController],
  providers: [
    {
      provide: MEDIA_BLOCK_STORE,
      inject: [RedisService],
      useFactory: (redis: RedisService): MediaBlockStore =>
        redis.client
          ? new RedisMediaBlockStore(redis.client, redis.prefix)
          : new MemoryMediaBlockStore(),
    },
    ModerationService,
    ModerationLogService,
    ModerationGateway,
  ],
})
export class ModerationModule {}
