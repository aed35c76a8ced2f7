import type { MarkReadPayload } from '@minimeet/contract';
import { IsString, Matches } from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';

export class MarkReadDto extends RoomRefDto implements MarkReadPayload {
  @IsString()
  @Matches(/^[1-9]\d{0,14}$/, { message: 'messageId must be a message id' })
  messageId: string;
}
