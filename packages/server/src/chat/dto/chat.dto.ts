import type {
  EditMessagePayload,
  HistoryQuery,
  LoadHistoryPayload,
  MessageRef,
  MessageReactionEmoji,
  ReactPayload,
  SendMessagePayload,
  TypingPayload,
} from '@minimeet/contract';
import {
  ATTACHMENTS_PER_MESSAGE,
  HISTORY_MAX_LIMIT,
  MESSAGE_MAX_LENGTH,
  MESSAGE_REACTION_EMOJI,
} from '@minimeet/contract';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsUUID,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';
import { normalisedText } from '../../common/text';

const MESSAGE_ID = /^[1-9]\d{0,14}$/;
const MESSAGE_ID_MESSAGE = { message: 'messageId must be a message id' };

/** Message text: normalised, 1..MESSAGE_MAX_LENGTH characters (0 when `mayBeEmpty` says so). */
function MessageContent(mayBeEmpty?: (dto: object) => boolean): PropertyDecorator {
  return (target, key) => {
    Transform(normalisedText({ multiline: true }))(target, key);
    IsString()(target, key);
    MinLength(1, { message: 'content must not be empty' })(target, key);
    if (mayBeEmpty)
      ValidateIf((dto: object, value) => value !== '' || !mayBeEmpty(dto))(target, key);
    MaxLength(MESSAGE_MAX_LENGTH, {
      message: `content must be at most ${MESSAGE_MAX_LENGTH} characters`,
    })(target, key);
  };
}

const hasAttachments = (dto: object): boolean =>
  ((dto as SendMessageDto).attachmentIds?.length ?? 0) > 0;

export class SendMessageDto extends RoomRefDto implements SendMessagePayload {
  /** May be empty when the message carries files. */
  @MessageContent(hasAttachments)
  content: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ATTACHMENTS_PER_MESSAGE, {
    message: `a message carries at most ${ATTACHMENTS_PER_MESSAGE} attachments`,
  })
  @IsUUID('4', { each: true, message: 'attachmentIds must be attachment ids' })
  attachmentIds?: string[];

  @IsOptional()
  @IsString()
  @Matches(MESSAGE_ID, { message: 'replyToId must be a message id' })
  replyToId?: string;

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

  @ApiPropertyOptional({ description: 'a message id: the messages after it (catching up)' })
  @IsOptional()
  @IsString()
  @Matches(MESSAGE_ID, { message: 'after must be a message id' })
  after?: string;

  @ApiPropertyOptional({
    description:
      'ISO 8601 date-time with a time zone (or the nextCursor of a page of changes): the messages changed (edited, deleted, reactions) since, oldest change first',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  changedSince?: string;

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
  @IsString()
  @Matches(MESSAGE_ID, { message: 'after must be a message id' })
  after?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  changedSince?: string;

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

export class MessageRefDto extends RoomRefDto implements MessageRef {
  @IsString()
  @Matches(MESSAGE_ID, MESSAGE_ID_MESSAGE)
  messageId: string;
}

export class EditMessageDto extends MessageRefDto implements EditMessagePayload {
  @MessageContent()
  content: string;
}

export class ReactDto extends MessageRefDto implements ReactPayload {
  @IsIn(MESSAGE_REACTION_EMOJI, { message: 'emoji must be one of the reaction emoji' })
  emoji: MessageReactionEmoji;

  @IsBoolean()
  on: boolean;
}
