import type { IceServersResponse, PublicUser } from '@minimeet/contract';
import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { IceServersService } from './ice-servers.service';

@ApiTags('calls')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('rtc')
export class RtcController {
  constructor(private readonly ice: IceServersService) {}

  /** STUN/TURN servers with time-limited TURN credentials for the signed-in user. */
  @Get('ice-servers')
  @Header('Cache-Control', 'no-store')
  iceServers(@CurrentUser() user: PublicUser): IceServersResponse {
    return this.ice.forUser(user.id);
  }
}
