import { DELETED_USER_NAME, type SessionListResponse } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { ReadMarkerEntity } from '../database/entities/read-marker.entity';
import { RoomMemberEntity } from '../database/entities/room-member.entity';
import { UserEntity } from '../database/entities/user.entity';
import type { LoginClient } from './auth.service';
import type { ChangePasswordDto, DeleteAccountDto } from './dto/account.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordPolicy } from './password-policy';
import { PasswordService } from './password.service';
import { SessionStore } from './session-store';
import { toAuthSession } from './session.mapper';
import { TokenService } from './token.service';

const WRONG_PASSWORD = 'That is not your current password';
/** Not a scrypt hash: no password verifies against it. */
const UNUSABLE_HASH = '!deleted';

/** The signed-in user managing their own account: password, sessions, deletion. */
@Injectable()
export class AccountService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
  ) {}

  async listSessions(userId: string, currentId?: string): Promise<SessionListResponse> {
    const rows = await this.sessions.live(userId);
    return { items: rows.map((row) => toAuthSession(row, currentId)) };
  }

  /** Signs one session out: its tokens stop working, its sockets close. Not yours: 404. */
  async revokeSession(userId: string, id: string): Promise<void> {
    const session = await this.sessions.liveOne(userId, id);
    if (!session) throw AppError.notFound('Session');
    await this.tokens.revokeFamily(userId, session.id);
  }

  /** New password (policy applies); every other session is signed out, this one stays. */
  async changePassword(
    userId: string,
    currentId: string | undefined,
    dto: ChangePasswordDto,
    client: LoginClient,
  ): Promise<void> {
    const user = await this.liveUser(userId);
    this.policy.assert(dto.newPassword, user, 'newPassword');
    await this.checkPassword(user, dto.currentPassword, client, 'currentPassword');
    if (dto.newPassword === dto.currentPassword) {
      const reason = 'Choose a password different from your current one';
      throw AppError.validation({ newPassword: [reason] }, reason);
    }
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.users.update({ id: user.id, deletedAt: IsNull() }, { passwordHash });
    await this.tokens.revokeAllSessions(user.id, currentId);
  }

  /**
   * Deletes the account: name, email and password hash are erased (the row stays, anonymised,
   * so the messages it wrote keep their author, shown as "Deleted user"), room memberships are
   * removed, and every session ends. The username and email can be registered again.
   */
  async deleteAccount(userId: string, dto: DeleteAccountDto, client: LoginClient): Promise<void> {
    const user = await this.liveUser(userId);
    await this.checkPassword(user, dto.password, client, 'password');
    await this.users.manager.transaction(async (m) => {
      await m.update(
        UserEntity,
        { id: user.id },
        {
          username: DELETED_USER_NAME,
          // '~' is outside USERNAME_PATTERN: no registration can take this name.
          usernameLower: `~deleted-${randomBytes(10).toString('hex')}`,
          email: `${user.id}@deleted.invalid`,
          passwordHash: UNUSABLE_HASH,
          deletedAt: new Date(),
        },
      );
      await m.delete(RoomMemberEntity, { userId: user.id });
      await m.delete(ReadMarkerEntity, { userId: user.id });
    });
    await this.tokens.revokeAllSessions(user.id);
  }

  private async liveUser(userId: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id: userId, deletedAt: IsNull() });
    if (!user) throw AppError.unauthorized();
    return user;
  }

  /**
   * Verifies the user's password, counted by the login limits like a sign-in (before the hash),
   * so these endpoints cannot be used to guess it faster. Wrong: VALIDATION on `field`.
   */
  private async checkPassword(
    user: UserEntity,
    password: string,
    client: LoginClient,
    field: string,
  ): Promise<void> {
    const device = await this.tokens.verifyDevice(client.deviceToken);
    const pass = await this.throttle.begin({
      account: user.id,
      address: client.address,
      device: device?.sub === user.id ? device.did : null,
    });
    if (!(await this.passwords.verify(password, user.passwordHash)))
      throw AppError.validation({ [field]: [WRONG_PASSWORD] }, WRONG_PASSWORD);
    await this.throttle.succeeded(pass);
  }
}
