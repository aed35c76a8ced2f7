import type {
  DeleteMessagePayload,
  ModeratedMedia,
  ModerationLogQuery,
  MuteMediaBody,
  MuteMediaPayload,
  RemoveMemberPayload,
  RemoveMemberQuery,
  UnblockMediaPayload,
} from '@minimeet/contract';
import { MODERATED_MEDIA } from '@minimeet/contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';

const KIND_MESSAGE = { message: `kind must be one of ${MODERATED_MEDIA.join(', ')}` };
const USER_MESSAGE = { message: 'userId must be a user id' };

export class MuteMediaDto extends RoomRefDto implements MuteMediaPayload {
  @IsUUID('all', USER_MESSAGE)
  userId: string;

  @IsIn(MODERATED_MEDIA, KIND_MESSAGE)
  kind: ModeratedMedia;

  @IsOptional()
  @IsBoolean()
  block?: boolean;
}

export class UnblockMediaDto extends RoomRefDto implements UnblockMediaPayload {
  @IsUUID('all', USER_MESSAGE)
  userId: string;

  @IsIn(MODERATED_MEDIA, KIND_MESSAGE)
  kind: ModeratedMedia;
}

export class RemoveMemberDto extends RoomRefDto implements RemoveMemberPayload {
  @IsUUID('all', USER_MESSAGE)
  userId: string;

  @IsOptional()
  @IsBoolean()
  ban?: boolean;
}

const MESSAGE_ID = /^[1-9]\d{0,14}$/;
const MESSAGE_ID_MESSAGE = { message: 'messageId must be a message id' };

export class DeleteMessageDto extends RoomRefDto implements DeleteMessagePayload {
  @IsString()
  @Matches(MESSAGE_ID, MESSAGE_ID_MESSAGE)
  messageId: string;
}

/** `DELETE /rooms/:id/messages/:messageId`. */
export class MessageParamsDto implements Pick<DeleteMessagePayload, 'messageId'> {
  @IsString()
  @Matches(MESSAGE_ID, MESSAGE_ID_MESSAGE)
  messageId: string;
}

/** `POST /rooms/:id/members/:userId/mute`. */
export class MuteMediaBodyDto implements MuteMediaBody {
  @ApiProperty({ enum: MODERATED_MEDIA })
  @IsIn(MODERATED_MEDIA, KIND_MESSAGE)
  kind: ModeratedMedia;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  block?: boolean;
}

/** `DELETE /rooms/:id/members/:userId?ban=true`. */
export class RemoveMemberQueryDto implements RemoveMemberQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'ban must be true or false' })
  ban?: boolean;
}

export class ModerationLogQueryDto implements ModerationLogQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;
}
