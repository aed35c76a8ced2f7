import type { PublicUser, SearchResponse } from '@minimeet/contract';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { SearchService } from './search.service';

export class SearchQueryDto {
  @ApiProperty({ description: 'Words to find' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'q must not be empty' })
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  roomId?: string;
}

@ApiTags('search')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('messages')
  async messages(
    @CurrentUser() user: PublicUser,
    @Query() query: SearchQueryDto,
  ): Promise<SearchResponse> {
    return { items: await this.search.search(user.id, query.q, query.roomId) };
  }
}
