import type { CreateRoomRequest, RoomListQuery } from '@minimeet/contract';
import {
  ROOM_LIST_DEFAULT_LIMIT,
  ROOM_LIST_MAX_LIMIT,
  ROOM_NAME_MAX_LENGTH,
} from '@minimeet/contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
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
