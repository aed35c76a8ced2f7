import type { AuthResponse, PublicUser, SelfUser } from '@minimeet/contract';
import { REFRESH_COOKIE_NAME } from '@minimeet/contract';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AuthGuard, CurrentUser } from './auth.guard';
import { AuthService } from './auth.service';
import {
  AUTH_COOKIE_PATH as COOKIE_PATH,
  loginClient,
  readCookie,
  sessionClient,
  setAuthCookies,
} from './request-client';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { RegistrationLimit } from './registration-limit';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registrations: RegistrationLimit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  async register(
    @Body() dto: RegisterDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    await this.registrations.consume(req.ip ?? 'unknown');
    return setAuthCookies(res, await this.auth.register(dto, sessionClient(req)), this.config);
  }

  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return setAuthCookies(res, await this.auth.login(dto, loginClient(req)), this.config);
  }

  /**
   * A new access token from the refresh cookie. No cookie at all is not an error (a first visit
   * asks whether it has a session): 204 without a body. A bad or expired cookie is 401.
   */
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse | undefined> {
    const presented = readCookie(req, REFRESH_COOKIE_NAME);
    if (presented === undefined) {
      res.status(204);
      return undefined;
    }
    return setAuthCookies(res, await this.auth.refresh(presented, sessionClient(req)), this.config);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(readCookie(req, REFRESH_COOKIE_NAME));
    res.clearCookie(REFRESH_COOKIE_NAME, { path: COOKIE_PATH });
  }

  @Get('me')
  @ApiBearerAuth()
  @UseGuards(AuthGuard)
  me(@CurrentUser() user: PublicUser): Promise<SelfUser> {
    return this.auth.me(user.id);
  }
}
