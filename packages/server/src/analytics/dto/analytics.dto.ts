import { ANALYTICS_DAYS_MAX, type RoomAnalyticsQuery } from '@minimeet/contract';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RoomAnalyticsQueryDto implements RoomAnalyticsQuery {
  @ApiPropertyOptional({ description: 'Days up to today (UTC)', default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ANALYTICS_DAYS_MAX)
  days?: number;
}
