import type {
  HistoryQuery,
  LoadHistoryPayload,
  SendMessagePayload,
  TypingPayload,
} from '@minimeet/contract';
import { HISTORY_MAX_LIMIT, MESSAGE_MAX_LENGTH } from '@minimeet/contract';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';
import { normalisedText } from '../../common/text';

export class SendMessageDto extends RoomRefDto implements SendMessagePayload {
  @Transform(normalisedText({ multiline: true }))
  @IsString()
  @MinLength(1, { message: 'content must not be empty' })
  @MaxLength(MESSAGE_MAX_LENGTH, {
    message: `content must be at most ${MESSAGE_MAX_LENGTH} characters`,
  })
  content: string;

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'clientMessageId must be 1-64 letters, digits, "-" or "_"',
  })
  clientMessageId: string;
}

export class HistoryQueryDto implements HistoryQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: HISTORY_MAX_LIMIT, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(HISTORY_MAX_LIMIT)
  limit?: number;
}

export class LoadHistoryDto extends RoomRefDto implements LoadHistoryPayload {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  before?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(HISTORY_MAX_LIMIT)
  limit?: number;
}

export class TypingDto extends RoomRefDto implements TypingPayload {
  @IsBoolean()
  isTyping: boolean;
}
