import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsController } from '../rooms/rooms.controller';
import { RoomsService } from '../rooms/rooms.service';
import { SearchController } from '../search/search.controller';
import { SearchService } from '../search/search.service';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { MessagesService } from './messages.service';
import { MessageWriter } from './message-writer';

@Module({
  imports: [DatabaseModule, AuthModule, PresenceModule, RealtimeModule],
  controllers: [RoomsController, SearchController],
  providers: [
    RoomsService,
    MessagesService,
    MessageWriter,
    SearchService,
    ChatService,
    ChatGateway,
  ],
  exports: [RoomsService, MessagesService],
})
export class ChatModule {}
