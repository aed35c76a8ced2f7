import type {
  LobbyResponse,
  PublicUser,
  Room,
  RoomMember,
  RoomMembersResponse,
} from '@minimeet/contract';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { SetRoleDto, UpdateRoomDto } from './dto/room.dto';
import { LobbyService } from './lobby.service';
import { RoomSettingsService } from './room-settings.service';

/** A room's settings, roles and lobby: owner and moderators (each service checks who may). */
@ApiTags('rooms')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('rooms/:id')
export class RoomSettingsController {
  constructor(
    private readonly settings: RoomSettingsService,
    private readonly lobby: LobbyService,
  ) {}

  /** Rename, describe, limit, access mode (owner and moderators). */
  @Patch()
  update(
    @CurrentUser() user: PublicUser,
    @Param('id') id: string,
    @Body() dto: UpdateRoomDto,
  ): Promise<Room> {
    return this.settings.update(user, id, dto);
  }

  /** Deletes the room and everything in it (owner only). */
  @Delete()
  @HttpCode(204)
  remove(@CurrentUser() user: PublicUser, @Param('id') id: string): Promise<void> {
    return this.settings.remove(user, id);
  }

  /** A new invite link; the old one stops working (owner only). */
  @Post('invite')
  @HttpCode(200)
  regenerateInvite(@CurrentUser() user: PublicUser, @Param('id') id: string): Promise<Room> {
    return this.settings.regenerateInvite(user, id);
  }

  @Get('members')
  members(@CurrentUser() user: PublicUser, @Param('id') id: string): Promise<RoomMembersResponse> {
    return this.settings.list(user, id);
  }

  /** Promote to moderator or demote to member (owner only). */
  @Put('members/:userId/role')
  setRole(
    @CurrentUser() user: PublicUser,
    @Param('id') id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() dto: SetRoleDto,
  ): Promise<RoomMember> {
    return this.settings.setRole(user, id, userId, dto);
  }

  /** Who is waiting in the lobby (owner and moderators). */
  @Get('lobby')
  waiting(@CurrentUser() user: PublicUser, @Param('id') id: string): Promise<LobbyResponse> {
    return this.lobby.waiting(user, id);
  }

  @Post('lobby/:userId/admit')
  @HttpCode(200)
  admit(
    @CurrentUser() user: PublicUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<null> {
    return this.lobby.admit(user, { roomId: id, userId });
  }

  @Post('lobby/:userId/deny')
  @HttpCode(200)
  deny(
    @CurrentUser() user: PublicUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<null> {
    return this.lobby.deny(user, { roomId: id, userId });
  }
}
