import type { ModerationLogResponse, PublicUser, RoomBansResponse } from '@minimeet/contract';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import {
  MessageParamsDto,
  ModerationLogQueryDto,
  MuteMediaBodyDto,
  RemoveMemberQueryDto,
} from './dto/moderation.dto';
import { ModerationService } from './moderation.service';

const uuid = new ParseUUIDPipe();

/** Moderator actions over REST (owner and moderators; the service checks who may). */
@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('rooms/:id')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  /** Removes a member from the room (`?ban=true`: and keeps them out). */
  @Delete('members/:userId')
  @HttpCode(204)
  async remove(
    @CurrentUser() user: PublicUser,
    @Param('id', uuid) roomId: string,
    @Param('userId', uuid) userId: string,
    @Query() query: RemoveMemberQueryDto,
  ): Promise<void> {
    await this.moderation.remove({ user }, { roomId, userId, ban: query.ban });
  }

  /** Turns a participant's microphone, camera or screen share off (and maybe blocks it). */
  @Post('members/:userId/mute')
  @HttpCode(200)
  mute(
    @CurrentUser() user: PublicUser,
    @Param('id', uuid) roomId: string,
    @Param('userId', uuid) userId: string,
    @Body() body: MuteMediaBodyDto,
  ): Promise<null> {
    return this.moderation.mute({ user }, { roomId, userId, ...body });
  }

  @Delete('members/:userId/blocks/:kind')
  @HttpCode(204)
  async unblock(
    @CurrentUser() user: PublicUser,
    @Param('id', uuid) roomId: string,
    @Param('userId', uuid) userId: string,
    @Param() params: MuteMediaBodyDto,
  ): Promise<void> {
    await this.moderation.unblock({ user }, { roomId, userId, kind: params.kind });
  }

  @Post('call/end')
  @HttpCode(200)
  endCall(@CurrentUser() user: PublicUser, @Param('id', uuid) roomId: string): Promise<null> {
    return this.moderation.endCall({ user }, roomId);
  }

  @Delete('messages/:messageId')
  @HttpCode(204)
  async deleteMessage(
    @CurrentUser() user: PublicUser,
    @Param('id', uuid) roomId: string,
    @Param() params: MessageParamsDto,
  ): Promise<void> {
    await this.moderation.deleteMessage({ user }, { roomId, messageId: params.messageId });
  }

  @Get('bans')
  bans(@CurrentUser() user: PublicUser, @Param('id') roomId: string): Promise<RoomBansResponse> {
    return this.moderation.listBans({ user }, roomId);
  }

  @Delete('bans/:userId')
  @HttpCode(204)
  async unban(
    @CurrentUser() user: PublicUser,
    @Param('id', uuid) roomId: string,
    @Param('userId', uuid) userId: string,
  ): Promise<void> {
    await this.moderation.unban({ user }, roomId, userId);
  }

  @Get('moderation-log')
  log(
    @CurrentUser() user: PublicUser,
    @Param('id') roomId: string,
    @Query() query: ModerationLogQueryDto,
  ): Promise<ModerationLogResponse> {
    return this.moderation.logPage({ user }, roomId, query.cursor);
  }
}
