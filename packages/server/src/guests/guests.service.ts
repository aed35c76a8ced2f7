import type { GuestInvitePreview } from '@minimeet/contract';
import { ErrorCode, GUEST_SESSION_SECONDS } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthService, type AuthResult, type SessionClient } from '../auth/auth.service';
import { AppError } from '../common/app-error';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { UserEntity } from '../database/entities/user.entity';
import { RoomsService } from '../rooms/rooms.service';
import type { GuestJoinDto } from './guest.dto';

/** Guests have no password: no sign-in can ever match this. */
const NO_PASSWORD = '!guest';

/**
 * Guests: someone with a room's link and no account gives a name and gets a session for that room
 * only (see RoomsService.checkNewcomer), ending when they leave or after a day. They are users
 * with a reserved login name and no password, so chat, presence and calls treat them like anyone;
 * the token and every view of them say "guest".
 */
@Injectable()
export class GuestsService {
  private readonly limiter: Limiter;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly rooms: RoomsService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
    limits: RateLimitService,
  ) {
    this.limiter = limits.create({
      name: 'guest',
      points: config.limits.guestsPerHour,
      durationSeconds: 3600,
    });
  }

  async preview(token: string): Promise<GuestInvitePreview> {
    const room = await this.rooms.findByInvite(token);
    return { name: room.name, allowGuests: room.allowGuests };
  }

  async join(dto: GuestJoinDto, client: SessionClient): Promise<AuthResult> {
    const room = await this.rooms.findByInvite(dto.inviteToken);
    if (!room.allowGuests)
      throw AppError.forbidden('This room does not take guests: sign in to join');
    if (room.accessMode === 'locked')
      throw new AppError(ErrorCode.ROOM_LOCKED, 'This room is locked');
    await this.limiter.consume(client.address);
    const id = randomUUID();
    const now = new Date();
    const guest: UserEntity = {
      id,
      username: dto.displayName,
      usernameLower: `~guest-${randomBytes(12).toString('hex')}`,
      email: `~guest-${id}`,
      passwordHash: NO_PASSWORD,
      createdAt: now,
      deletedAt: null,
      guestRoomId: room.id,
      guestExpiresAt: new Date(now.getTime() + GUEST_SESSION_SECONDS * 1000),
    };
    await this.users.insert(guest);
    return this.auth.startGuestSession(guest, client);
  }
}
