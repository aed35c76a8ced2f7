import type { CallListResponse, PublicUser } from '@minimeet/contract';
import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { CallHistoryService } from './call-history.service';

@ApiTags('calls')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('rooms')
export class CallsController {
  constructor(private readonly history: CallHistoryService) {}

  /** The room's past and ongoing calls, newest first (members only). */
  @Get(':id/calls')
  async list(@CurrentUser() user: PublicUser, @Param('id') id: string): Promise<CallListResponse> {
    return { items: await this.history.listFor(user.id, id) };
  }
}
