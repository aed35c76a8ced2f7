import type { AuthResponse, SelfUser } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { isAdminUsername } from '../config/access-config';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { UserEntity } from '../database/entities/user.entity';
import type { LoginDto, RegisterDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordPolicy } from './password-policy';
import { PasswordService } from './password.service';
import { SessionStore, type SessionClient } from './session-store';
import { TokenService, type IssuedRefresh } from './token.service';
import { toSelfUser } from './user.mapper';

/** What other features need to answer a request with a session (the guest sign-in, say). */
export { sessionClient, setAuthCookies } from './request-client';
export type { SessionClient } from './session-store';

export interface AuthResult {
  body: AuthResponse;
  refresh: IssuedRefresh;
  /** The known-device token to keep in the browser (see LoginThrottle). */
  device: string;
}

/** Where a sign-in comes from: address, User-Agent and the known-device cookie, if any. */
export interface LoginClient extends SessionClient {
  deviceToken: string | undefined;
}

const BAD_CREDENTIALS = 'Wrong username, email or password';
/**
 * One answer for a taken username and a taken email, so registering is no oracle for which
 * email has an account beyond what a free username already tells (there is no mail to confirm).
 */
const CANNOT_REGISTER = 'That username or email cannot be used';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly policy: PasswordPolicy,
    private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto, client: SessionClient): Promise<AuthResult> {
    const email = dto.email.toLowerCase();
    const usernameLower = dto.username.toLowerCase();
    this.policy.assert(dto.password, { username: dto.username, email });
    // Hash first: a taken name or email takes as long to refuse as a free one to accept.
    const passwordHash = await this.passwords.hash(dto.password);
    const taken = await this.users.findOne({
      where: [{ usernameLower }, { email }],
      select: ['id'],
    });
    if (taken) throw this.conflict();
    const user: UserEntity = {
      id: randomUUID(),
      username: dto.username,
      usernameLower,
      email,
      passwordHash,
      createdAt: new Date(),
      deletedAt: null,
    };
    try {
      await this.users.insert(user);
    } catch (e) {
      // Two registrations raced for the same name: the unique index decides.
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) {
        throw this.conflict();
      }
      throw e;
    }
    return this.issue(user, null, client);
  }

  async login(dto: LoginDto, client: LoginClient): Promise<AuthResult> {
    const login = dto.login.toLowerCase();
    const found = await this.users.findOneBy(
      login.includes('@') ? { email: login } : { usernameLower: login },
    );
    const user = found?.deletedAt ? null : found;
    const device = await this.tokens.verifyDevice(client.deviceToken);
    const knownDevice = user && device?.sub === user.id ? device.did : null;
    // Counted before the hash, so parallel guesses cannot all be checked.
    const pass = await this.throttle.begin({
      account: user ? user.id : `login:${login}`,
      address: client.address,
      device: knownDevice,
    });
    const ok = user
      ? await this.passwords.verify(dto.password, user.passwordHash)
      : await this.passwords.verifyDummy(dto.password);
    if (!user || !ok) throw AppError.unauthorized(BAD_CREDENTIALS);
    await this.throttle.succeeded(pass);
    return this.issue(user, knownDevice, client);
  }

  async refresh(presented: string | undefined, client: SessionClient): Promise<AuthResult> {
    const { userId, familyId, refresh } = await this.tokens.rotate(presented);
    const user = await this.users.findOneBy({ id: userId });
    if (!user || user.deletedAt)
      throw AppError.unauthorized('Session expired, please sign in again');
    if (user.guestExpiresAt && user.guestExpiresAt.getTime() <= Date.now()) {
      await this.tokens.revokeFamily(user.id, familyId);
      throw AppError.unauthorized('Your guest session has ended');
    }
    await this.sessions.seen(user.id, familyId, client);
    const device = await this.tokens.signDevice(user.id);
    return { body: await this.body(user, familyId), refresh, device };
  }

  logout(presented: string | undefined): Promise<void> {
    return this.tokens.revoke(presented);
  }

  async me(userId: string): Promise<SelfUser> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || user.deletedAt) throw AppError.unauthorized();
    return toSelfUser(user, isAdminUsername(this.config, user.username));
  }

  /** Signs a new guest in: their session ends when they leave or at `guestExpiresAt`. */
  startGuestSession(guest: UserEntity, client: SessionClient): Promise<AuthResult> {
    return this.issue(guest, null, client);
  }

  private async issue(
    user: UserEntity,
    deviceId: string | null,
    client: SessionClient,
  ): Promise<AuthResult> {
    const familyId = randomUUID();
    await this.sessions.start(user.id, familyId, client);
    const refresh = await this.tokens.issueRefresh(user.id, familyId, user.guestExpiresAt);
    const device = await this.tokens.signDevice(user.id, deviceId ?? undefined);
    return { body: await this.body(user, familyId), refresh, device };
  }

  private async body(user: UserEntity, familyId: string): Promise<AuthResponse> {
    return {
      accessToken: await this.tokens.signAccess(user, familyId, {
        guest: Boolean(user.guestRoomId),
        notAfter: user.guestExpiresAt,
      }),
      expiresIn: this.tokens.accessTtlSeconds,
      user: toSelfUser(user, isAdminUsername(this.config, user.username)),
    };
  }

  private conflict(): AppError {
    const reason = ['username or email cannot be used'];
    return AppError.conflict(CANNOT_REGISTER, { username: reason, email: reason });
  }
}
