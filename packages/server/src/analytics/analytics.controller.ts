import type {
  AdminOverviewResponse,
  CallQualityResponse,
  PublicUser,
  RoomAnalyticsResponse,
} from '@minimeet/contract';
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { AnalyticsService } from './analytics.service';
import { RoomAnalyticsQueryDto } from './dto/analytics.dto';
import { QualityTimelineService } from './quality-timeline.service';

@ApiTags('analytics')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller()
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly quality: QualityTimelineService,
  ) {}

  /** Per day: messages, calls, call minutes, unique participants, peak concurrent (owner only). */
  @Get('rooms/:id/analytics')
  room(
    @CurrentUser() user: PublicUser,
    @Param('id') id: string,
    @Query() query: RoomAnalyticsQueryDto,
  ): Promise<RoomAnalyticsResponse> {
    return this.analytics.roomDashboard(user.id, id, query.days);
  }

  /** A call's quality timeline per participant (members of the room). */
  @Get('rooms/:id/calls/:callId/quality')
  callQuality(
    @CurrentUser() user: PublicUser,
    @Param('id') id: string,
    @Param('callId') callId: string,
  ): Promise<CallQualityResponse> {
    return this.quality.timeline(user.id, id, callId);
  }

  /** Server-wide numbers (ADMIN_USERNAMES only). */
  @Get('admin/overview')
  overview(@CurrentUser() user: PublicUser): Promise<AdminOverviewResponse> {
    return this.analytics.overview(user);
  }
}
