import type { AuthResponse, PublicUser, SelfUser } from '@minimeet/contract';
import { REFRESH_COOKIE_NAME } from '@minimeet/contract';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AuthGuard, CurrentUser } from './auth.guard';
import { AuthService, type AuthResult } from './auth.service';
import { DEVICE_TTL_SECONDS } from './token.service';
import {
  AUTH_COOKIE_PATH as COOKIE_PATH,
  DEVICE_COOKIE,
  loginClient,
  readCookie,
  sessionClient,
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
    return this.withCookie(res, await this.auth.register(dto, sessionClient(req)));
  }

  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.login(dto, loginClient(req)));
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
    return this.withCookie(res, await this.auth.refresh(presented, sessionClient(req)));
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

  private withCookie(res: Response, result: AuthResult): AuthResponse {
    const options = {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.env === 'production',
      path: COOKIE_PATH,
    } as const;
    res.cookie(REFRESH_COOKIE_NAME, result.refresh.token, {
      ...options,
      expires: result.refresh.expiresAt,
    });
    res.cookie(DEVICE_COOKIE, result.device, { ...options, maxAge: DEVICE_TTL_SECONDS * 1000 });
    return result.body;
  }
}
