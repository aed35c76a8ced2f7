import type {
  CreateRoomRequest,
  JoinRoomPayload,
  KnockPayload,
  LobbyDecisionPayload,
  RoomAccessMode,
  RoomListQuery,
  SetRoleRequest,
  UpdateRoomRequest,
} from '@minimeet/contract';
import {
  INVITE_TOKEN_PATTERN,
  ROOM_ACCESS_MODES,
  ROOM_DESCRIPTION_MAX_LENGTH,
  ROOM_LIST_DEFAULT_LIMIT,
  ROOM_LIST_MAX_LIMIT,
  ROOM_NAME_MAX_LENGTH,
} from '@minimeet/contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';
import { normalisedText } from '../../common/text';

export const ROOM_MAX_PARTICIPANTS_LIMIT = 1000;
export const ROOM_MAX_PARTICIPANTS_DEFAULT = 100;

export class CreateRoomDto implements CreateRoomRequest {
  @ApiProperty({ maxLength: ROOM_NAME_MAX_LENGTH })
  @Transform(normalisedText({ multiline: false }))
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(ROOM_NAME_MAX_LENGTH)
  name: string;

  @ApiPropertyOptional({
    minimum: 2,
    maximum: ROOM_MAX_PARTICIPANTS_LIMIT,
    default: ROOM_MAX_PARTICIPANTS_DEFAULT,
  })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(ROOM_MAX_PARTICIPANTS_LIMIT)
  maxParticipants?: number;
}

export class RoomListQueryDto implements RoomListQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  cursor?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: ROOM_LIST_MAX_LIMIT,
    default: ROOM_LIST_DEFAULT_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ROOM_LIST_MAX_LIMIT)
  limit?: number;
}

const INVITE_TOKEN_MESSAGE = 'inviteToken must be an invite token';

export class UpdateRoomDto implements UpdateRoomRequest {
  @ApiPropertyOptional({ maxLength: ROOM_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(normalisedText({ multiline: false }))
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(ROOM_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ maxLength: ROOM_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @Transform(normalisedText({ multiline: true }))
  @IsString()
  @MaxLength(ROOM_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ minimum: 2, maximum: ROOM_MAX_PARTICIPANTS_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(ROOM_MAX_PARTICIPANTS_LIMIT)
  maxParticipants?: number;

  @ApiPropertyOptional({ enum: ROOM_ACCESS_MODES })
  @IsOptional()
  @IsIn(ROOM_ACCESS_MODES)
  accessMode?: RoomAccessMode;

  @ApiPropertyOptional({ description: 'Owner only: whether guests may join by the link' })
  @IsOptional()
  @IsBoolean()
  allowGuests?: boolean;
}

export class SetRoleDto implements SetRoleRequest {
  @ApiProperty({ enum: ['moderator', 'member'] })
  @IsIn(['moderator', 'member'])
  role: 'moderator' | 'member';
}

/** joinRoom: a member names the room; a newcomer also brings the invite link's token. */
export class JoinRoomDto extends RoomRefDto implements JoinRoomPayload {
  @IsOptional()
  @IsString()
  @Matches(INVITE_TOKEN_PATTERN, { message: INVITE_TOKEN_MESSAGE })
  inviteToken?: string;
}

export class KnockDto implements KnockPayload {
  @IsString()
  @Matches(INVITE_TOKEN_PATTERN, { message: INVITE_TOKEN_MESSAGE })
  inviteToken: string;
}

export class LobbyDecisionDto extends RoomRefDto implements LobbyDecisionPayload {
  @IsUUID('all', { message: 'userId must be a user id' })
  userId: string;
}
