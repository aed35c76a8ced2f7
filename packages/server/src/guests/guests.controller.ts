import type { AuthResponse, GuestInvitePreview } from '@minimeet/contract';
import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sessionClient, setAuthCookies } from '../auth/auth.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { GuestJoinDto } from './guest.dto';
import { GuestsService } from './guests.service';

/** Under `/auth` so the guest's refresh cookie (path `/api/auth`) is the usual one. */
@ApiTags('guests')
@Controller('auth/guest')
export class GuestsController {
  constructor(
    private readonly guests: GuestsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the signed-out join page shows; no sign-in needed (the link is the secret). */
  @Get(':token')
  preview(@Param('token') token: string): Promise<GuestInvitePreview> {
    return this.guests.preview(token);
  }

  /** Starts a guest session for the link's room: answered like a sign-in. */
  @Post()
  async join(
    @Body() dto: GuestJoinDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return setAuthCookies(res, await this.guests.join(dto, sessionClient(req)), this.config);
  }
}
