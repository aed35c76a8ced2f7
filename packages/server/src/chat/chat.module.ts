import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { OverloadModule } from '../overload/overload.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { MessageChanges } from './message-changes';
import { MessageDetails } from './message-details';
import { MessageMentions } from './message-mentions';
import { MessagesService } from './messages.service';
import { MessageWriter } from './message-writer';

/** Chat: sending and storing messages, history, typing; edits, deletes, reactions, replies. */
@Module({
  imports: [
    DatabaseModule,
    AuthModule,
    PresenceModule,
    RoomsModule,
    AttachmentsModule,
    OverloadModule,
  ],
  controllers: [ChatController],
  providers: [
    MessagesService,
    MessageWriter,
    MessageDetails,
    MessageMentions,
    MessageChanges,
    ChatService,
    ChatGateway,
  ],
  exports: [MessagesService],
})
export class ChatModule {}
