import type {
  PublicUser,
  Room,
  RoomDetail,
  RoomListResponse,
  RoomPreview,
} from '@minimeet/contract';
import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { CreateRoomDto, RoomListQueryDto } from './dto/room.dto';
import { RoomsService } from './rooms.service';

@ApiTags('rooms')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post()
  create(@CurrentUser() user: PublicUser, @Body() dto: CreateRoomDto): Promise<Room> {
    return this.rooms.create(user, dto);
  }

  /** The user's rooms, most recent activity first, a page at a time. */
  @Get()
  list(
    @CurrentUser() user: PublicUser,
    @Query() query: RoomListQueryDto,
  ): Promise<RoomListResponse> {
    return this.rooms.listFor(user.id, query);
  }

  /** The room with its participants for members; only its id and name for anyone else. */
  @Get(':id')
  get(@CurrentUser() user: PublicUser, @Param('id') id: string): Promise<RoomDetail | RoomPreview> {
    return this.rooms.detail(id, user.id);
  }
}
