import type { PublicUser, SearchResponse } from '@minimeet/contract';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
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
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { SearchService } from './search.service';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class SearchQueryDto {
  @ApiProperty({ description: 'Words to find; `from:name` filters by sender' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'q must not be empty' })
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  roomId?: string;

  @ApiPropertyOptional({ description: 'Sender username' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date-time: messages sent after it' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  after?: Date;

  @ApiPropertyOptional({ description: 'ISO date-time: messages sent before it' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  before?: Date;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,15}$/, { message: 'cursor is not a cursor of this search' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

@ApiTags('search')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('messages')
  messages(
    @CurrentUser() user: PublicUser,
    @Query() query: SearchQueryDto,
  ): Promise<SearchResponse> {
    return this.search.search(user.id, {
      ...query,
      cursor: query.cursor === undefined ? undefined : Number(query.cursor),
    });
  }
}
