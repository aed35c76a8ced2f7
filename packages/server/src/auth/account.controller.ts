import type { PublicUser, SessionListResponse } from '@minimeet/contract';
import { REFRESH_COOKIE_NAME } from '@minimeet/contract';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccountService } from './account.service';
import { AuthGuard, CurrentSessionId, CurrentUser } from './auth.guard';
import { ChangePasswordDto, DeleteAccountDto } from './dto/account.dto';
import { AUTH_COOKIE_PATH, loginClient } from './request-client';

/** The signed-in user's own account: sessions, password, deletion. */
@ApiTags('auth')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('auth')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('sessions')
  sessions(
    @CurrentUser() user: PublicUser,
    @CurrentSessionId() current: string | undefined,
  ): Promise<SessionListResponse> {
    return this.account.listSessions(user.id, current);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  revoke(@CurrentUser() user: PublicUser, @Param('id') id: string): Promise<void> {
    return this.account.revokeSession(user.id, id);
  }

  @Post('password')
  @HttpCode(204)
  changePassword(
    @CurrentUser() user: PublicUser,
    @CurrentSessionId() current: string | undefined,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    return this.account.changePassword(user.id, current, dto, loginClient(req));
  }

  @Delete('me')
  @HttpCode(204)
  async deleteAccount(
    @CurrentUser() user: PublicUser,
    @Body() dto: DeleteAccountDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.account.deleteAccount(user.id, dto, loginClient(req));
    res.clearCookie(REFRESH_COOKIE_NAME, { path: AUTH_COOKIE_PATH });
  }
}
