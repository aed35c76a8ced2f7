import type { InvitePreview, PublicUser } from '@minimeet/contract';
import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { RoomsService } from './rooms.service';

@ApiTags('rooms')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('invites')
export class InvitesController {
  constructor(private readonly rooms: RoomsService) {}

  /** What the join-by-link page shows; 404 when the link is not (or no longer) valid. */
  @Get(':token')
  preview(@CurrentUser() user: PublicUser, @Param('token') token: string): Promise<InvitePreview> {
    return this.rooms.invitePreview(token, user.id);
  }
}
