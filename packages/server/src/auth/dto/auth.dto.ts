import type { LoginRequest, RegisterRequest } from '@minimeet/contract';
import { PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from '@minimeet/contract';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'ada_l', description: '3-32 letters, digits, _ . -' })
  @Transform(trim)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-32 letters, digits, "_", "." or "-"' })
  username: string;

  @ApiProperty({ example: 'ada@example.com' })
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @MaxLength(1024)
  password: string;
}

export class LoginDto implements LoginRequest {
  @ApiProperty({ description: 'Username or email' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  login: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}
