import type { AuthResponse, SelfUser } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { isAdminUsername, type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { UserEntity } from '../database/entities/user.entity';
import type { LoginDto, RegisterDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordService } from './password.service';
import { TokenService, type IssuedRefresh } from './token.service';
import { toSelfUser } from './user.mapper';

export interface AuthResult {
  body: AuthResponse;
  refresh: IssuedRefresh;
  /** The known-device token to keep in the browser (see LoginThrottle). */
  device: string;
}

/** Where a sign-in comes from: the client address and the known-device cookie, if any. */
export interface LoginClient {
  address: string;
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResult> {
    const email = dto.email.toLowerCase();
    const usernameLower = dto.username.toLowerCase();
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
    return this.issue(user, null);
  }

  async login(dto: LoginDto, client: LoginClient): Promise<AuthResult> {
    const login = dto.login.toLowerCase();
    const user = await this.users.findOneBy(
      login.includes('@') ? { email: login } : { usernameLower: login },
    );
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
    return this.issue(user, knownDevice);
  }

  async refresh(presented: string | undefined): Promise<AuthResult> {
    const { userId, familyId, refresh } = await this.tokens.rotate(presented);
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw AppError.unauthorized('Session expired, please sign in again');
    const device = await this.tokens.signDevice(user.id);
    return { body: await this.body(user, familyId), refresh, device };
  }

  logout(presented: string | undefined): Promise<void> {
    return this.tokens.revoke(presented);
  }

  async me(userId: string): Promise<SelfUser> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw AppError.unauthorized();
    return toSelfUser(user, isAdminUsername(this.config, user.username));
  }

  private async issue(user: UserEntity, deviceId: string | null): Promise<AuthResult> {
    const familyId = randomUUID();
    const refresh = await this.tokens.issueRefresh(user.id, familyId);
    const device = await this.tokens.signDevice(user.id, deviceId ?? undefined);
    return { body: await this.body(user, familyId), refresh, device };
  }

  private async body(user: UserEntity, familyId: string): Promise<AuthResponse> {
    return {
      accessToken: await this.tokens.signAccess(user, familyId),
      expiresIn: this.tokens.accessTtlSeconds,
      user: toSelfUser(user, isAdminUsername(this.config, user.username)),
    };
  }

  private conflict(): AppError {
    const reason = ['username or email cannot be used'];
    return AppError.conflict(CANNOT_REGISTER, { username: reason, email: reason });
  }
}
