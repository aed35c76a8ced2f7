import type { LowerHandPayload, ReactionEmoji, ReactionPayload } from '@minimeet/contract';
import { REACTION_EMOJI } from '@minimeet/contract';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';

export class LowerHandDto extends RoomRefDto implements LowerHandPayload {
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id' })
  userId?: string;
}

export class ReactionDto extends RoomRefDto implements ReactionPayload {
  @IsIn(REACTION_EMOJI, { message: `emoji must be one of ${REACTION_EMOJI.join(' ')}` })
  emoji: ReactionEmoji;
}
