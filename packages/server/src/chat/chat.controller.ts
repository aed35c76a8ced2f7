import type { MessagePage, PublicUser } from '@minimeet/contract';
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { HistoryQueryDto } from './dto/chat.dto';
import { MessagesService } from './messages.service';

@ApiTags('rooms')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('rooms')
export class ChatController {
  constructor(private readonly messages: MessagesService) {}

  /** A page of the room's messages, newest first (members only). */
  @Get(':id/messages')
  history(
    @CurrentUser() user: PublicUser,
    @Param('id') id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<MessagePage> {
    return this.messages.history(user.id, id, query);
  }
}
