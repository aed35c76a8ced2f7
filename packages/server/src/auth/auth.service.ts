import type { AuthResponse, SelfUser } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import { UserEntity } from '../database/entities/user.entity';
import type { LoginDto, RegisterDto } from './dto/auth.dto';
import { PasswordService } from './password.service';
import { TokenService, type IssuedRefresh } from './token.service';
import { toSelfUser } from './user.mapper';

export interface AuthResult {
  body: AuthResponse;
  refresh: IssuedRefresh;
}

const BAD_CREDENTIALS = 'Wrong username, email or password';

@Injectable()
export class AuthService {
  /** Failed logins per account: 5 per 15 minutes, then locked for 15 minutes. */
  private readonly accountFailures: Limiter;
  /** Failed logins per client address: 30 per 15 minutes. */
  private readonly addressFailures: Limiter;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    limits: RateLimitService,
  ) {
    this.accountFailures = limits.create({
      name: 'login-account',
      points: 5,
      durationSeconds: 900,
      blockSeconds: 900,
    });
    this.addressFailures = limits.create({
      name: 'login-ip',
      points: 30,
      durationSeconds: 900,
      blockSeconds: 900,
    });
  }

  async register(dto: RegisterDto): Promise<AuthResult> {
    const email = dto.email.toLowerCase();
    const usernameLower = dto.username.toLowerCase();
    const taken = await this.users.findOne({
      where: [{ usernameLower }, { email }],
      select: ['usernameLower', 'email'],
    });
    if (taken) throw this.conflict(taken.usernameLower === usernameLower ? 'username' : 'email');
    const user: UserEntity = {
      id: randomUUID(),
      username: dto.username,
      usernameLower,
      email,
      passwordHash: await this.passwords.hash(dto.password),
      createdAt: new Date(),
    };
    try {
      await this.users.insert(user);
    } catch (e) {
      // Two registrations raced for the same name: the unique index decides.
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) {
        throw this.conflict(/email/i.test(e.message) ? 'email' : 'username');
      }
      throw e;
    }
    return this.issue(user);
  }

  async login(dto: LoginDto, address: string): Promise<AuthResult> {
    const login = dto.login.toLowerCase();
    await this.accountFailures.check(login);
    await this.addressFailures.check(address);
    const user = await this.users.findOneBy(
      login.includes('@') ? { email: login } : { usernameLower: login },
    );
    const ok = user
      ? await this.passwords.verify(dto.password, user.passwordHash)
      : await this.passwords.verifyDummy(dto.password);
    if (!user || !ok) {
      await Promise.all([
        this.accountFailures.consume(login),
        this.addressFailures.consume(address),
      ]).catch((e: unknown) => {
        if (!(e instanceof AppError)) throw e;
      });
      throw AppError.unauthorized(BAD_CREDENTIALS);
    }
    await this.accountFailures.reset(login);
    return this.issue(user);
  }

  async refresh(presented: string | undefined): Promise<AuthResult> {
    const { userId, refresh } = await this.tokens.rotate(presented);
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw AppError.unauthorized('Session expired, please sign in again');
    return { body: await this.body(user), refresh };
  }

  logout(presented: string | undefined): Promise<void> {
    return this.tokens.revoke(presented);
  }

  async me(userId: string): Promise<SelfUser> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw AppError.unauthorized();
    return toSelfUser(user);
  }

  private async issue(user: UserEntity): Promise<AuthResult> {
    const refresh = await this.tokens.issueRefresh(user.id);
    return { body: await this.body(user), refresh };
  }

  private async body(user: UserEntity): Promise<AuthResponse> {
    return {
      accessToken: await this.tokens.signAccess(user),
      expiresIn: this.tokens.accessTtlSeconds,
      user: toSelfUser(user),
    };
  }

  private conflict(field: 'username' | 'email'): AppError {
    return AppError.conflict(`That ${field} is already taken`, {
      [field]: [`${field} is already taken`],
    });
  }
}
