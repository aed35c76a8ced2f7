import type { IceServersResponse, PublicUser } from '@minimeet/contract';
import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { CallsService } from './calls.service';

/**
 * TURN credentials let their holder relay traffic through our servers: only people in a call get
 * them. The joinCall ack already carries them; this is for a client that needs them again.
 */
@ApiTags('calls')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('rtc')
export class IceServersController {
  constructor(private readonly calls: CallsService) {}

  /** STUN/TURN servers with time-limited TURN credentials; FORBIDDEN unless the user is in a call. */
  @Get('ice-servers')
  @Header('Cache-Control', 'no-store')
  iceServers(@CurrentUser() user: PublicUser): Promise<IceServersResponse> {
    return this.calls.iceServersFor(user.id);
  }
}
