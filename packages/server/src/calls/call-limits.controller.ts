import type { CallLimitsResponse } from '@minimeet/contract';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import { CallsService } from './calls.service';

@ApiTags('calls')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('calls')
export class CallLimitsController {
  constructor(private readonly calls: CallsService) {}

  /** How many people a call may hold here, and whether the SFU is there to go past the mesh. */
  @Get('limits')
  limits(): CallLimitsResponse {
    return this.calls.limits();
  }
}
