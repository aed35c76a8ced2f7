import type { AuthResponse, PublicUser, SelfUser } from '@minimeet/contract';
import { REFRESH_COOKIE_NAME } from '@minimeet/contract';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AuthGuard, CurrentUser } from './auth.guard';
import { AuthService, type AuthResult } from './auth.service';
import { LoginDto, RegisterDto } from './dto/auth.dto';

const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  async register(
    @Body() dto: RegisterDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.register(dto));
  }

  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.login(dto, req.ip ?? 'unknown'));
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.refresh(readCookie(req)));
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(readCookie(req));
    res.clearCookie(REFRESH_COOKIE_NAME, { path: COOKIE_PATH });
  }

  @Get('me')
  @ApiBearerAuth()
  @UseGuards(AuthGuard)
  me(@CurrentUser() user: PublicUser): Promise<SelfUser> {
    return this.auth.me(user.id);
  }

  private withCookie(res: Response, result: AuthResult): AuthResponse {
    res.cookie(REFRESH_COOKIE_NAME, result.refresh.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.env === 'production',
      path: COOKIE_PATH,
      expires: result.refresh.expiresAt,
    });
    return result.body;
  }
}

function readCookie(req: Request): string | undefined {
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  return cookies?.[REFRESH_COOKIE_NAME];
}
