import type { GuestJoinRequest } from '@minimeet/contract';
import { GUEST_NAME_PATTERN, INVITE_TOKEN_PATTERN } from '@minimeet/contract';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { normaliseText } from '../common/text';

export class GuestJoinDto implements GuestJoinRequest {
  @ApiProperty({ description: 'The token of the room invite link (`/join/<token>`)' })
  @IsString()
  @Matches(INVITE_TOKEN_PATTERN, { message: 'inviteToken is not a valid invite link' })
  inviteToken: string;

  @ApiProperty({ example: 'Ada', description: "1-32 letters, digits, spaces and . _ ' -" })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? normaliseText(value, { multiline: false }).replace(/\s+/g, ' ')
      : value,
  )
  @IsString()
  @Matches(GUEST_NAME_PATTERN, {
    message: "displayName must be 1-32 letters, digits, spaces, '.', '_', \"'\" or '-'",
  })
  displayName: string;
}
