import type { ChangePasswordRequest, DeleteAccountRequest } from '@minimeet/contract';
import { PASSWORD_MIN_LENGTH } from '@minimeet/contract';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Enter your current password' })
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    description: 'Must score 3+ on zxcvbn, not be a common password, not contain your name',
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @MaxLength(1024)
  newPassword: string;
}

export class DeleteAccountDto implements DeleteAccountRequest {
  @ApiProperty({ description: 'The current password, to confirm' })
  @IsString()
  @MinLength(1, { message: 'Enter your password to confirm' })
  @MaxLength(1024)
  password: string;
}
