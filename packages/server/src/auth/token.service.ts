import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RefreshTokenEntity } from '../database/entities/refresh-token.entity';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/domain-events';
import { AuthEvent } from './auth.events';
import { SessionStore } from './session-store';

export interface AccessClaims {
  sub: string;
  username: string;
  /** The refresh-token family (sign-in session) the token was issued for. */
  sid?: string;
  /** Expiry, in seconds since the epoch. */
  exp?: number;
  /** Set for a guest's token. */
  guest?: true;
}

/** What an access token says beyond the user: a guest's, and the latest it may live until. */
export interface AccessOptions {
  guest?: boolean;
  notAfter?: Date | null;
}

export interface IssuedRefresh {
  token: string;
  expiresAt: Date;
}

/** A signed "this browser signed in as this user before" token, kept in an httpOnly cookie. */
export interface DeviceClaims {
  sub: string;
  did: string;
}

const DEVICE_TYP = 'device';
/** A known device stays known for a year after its last sign-in. */
export const DEVICE_TTL_SECONDS = 365 * 86_400;

/** A lifetime in seconds, shortened so it ends by `notAfter` (at least one second). */
const capSeconds = (ttl: number, notAfter: Date | null | undefined): number =>
  notAfter ? Math.max(1, Math.min(ttl, Math.floor((notAfter.getTime() - Date.now()) / 1000))) : ttl;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Access JWTs and rotating refresh tokens (`<id>.<secret>`, only the secret's hash is stored). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    private readonly events: DomainEvents,
    private readonly sessions: SessionStore,
  ) {}

  get accessTtlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  /** An access token of the session `familyId` (its sockets close when the session ends). */
  signAccess(
    user: { id: string; username: string },
    familyId: string,
    options: AccessOptions = {},
  ): Promise<string> {
    const claims: AccessClaims = { sub: user.id, username: user.username, sid: familyId };
    if (options.guest) claims.guest = true;
    return this.jwt.signAsync(claims, {
      expiresIn: capSeconds(this.config.accessTokenTtlSeconds, options.notAfter),
    });
  }

  /**
   * Verifies an access token; null when missing, malformed, forged, expired, or of a session that
   * was ended (signed out, revoked, account deleted): such a token stops working at once.
   */
  async verifyAccess(token: unknown): Promise<AccessClaims | null> {
    const claims = await this.verifyAccessSignature(token);
    if (claims?.sid && (await this.sessions.isRevoked(claims.sid))) return null;
    return claims;
  }

  private async verifyAccessSignature(token: unknown): Promise<AccessClaims | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token);
      if (typeof claims.sub !== 'string' || typeof claims.username !== 'string') return null;
      const sid =
        typeof claims.sid === 'string' && claims.sid.length <= 64 ? claims.sid : undefined;
      const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
      const verified: AccessClaims = { sub: claims.sub, username: claims.username, sid, exp };
      if (claims.guest === true) verified.guest = true;
      return verified;
    } catch {
      return null;
    }
  }

  /** A known-device token for this user (the same device id again when it had one). */
  signDevice(userId: string, deviceId: string = randomUUID()): Promise<string> {
    return this.jwt.signAsync(
      { sub: userId, did: deviceId, typ: DEVICE_TYP },
      { expiresIn: DEVICE_TTL_SECONDS },
    );
  }

  /** The device token's claims; null when missing, forged, expired or not a device token. */
  async verifyDevice(token: unknown): Promise<DeviceClaims | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    try {
      const claims = await this.jwt.verifyAsync<Partial<DeviceClaims> & { typ?: unknown }>(token);
      if (claims.typ !== DEVICE_TYP || typeof claims.sub !== 'string') return null;
      if (typeof claims.did !== 'string' || claims.did.length > 64) return null;
      return { sub: claims.sub, did: claims.did };
    } catch {
      return null;
    }
  }

  async issueRefresh(
    userId: string,
    familyId: string = randomUUID(),
    notAfter: Date | null = null,
  ): Promise<IssuedRefresh & { id: string }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(
      now.getTime() + capSeconds(this.config.refreshTokenTtlSeconds, notAfter) * 1000,
    );
    await this.tokens.insert({
      id,
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt,
      revokedAt: null,
      replacedBy: null,
      createdAt: now,
    });
    return { id, token: `${id}.${secret}`, expiresAt };
  }

  /**
   * Exchanges a refresh token for a new one of the same family. A token that was already rotated
   * is a sign of theft: the whole family is revoked and the caller gets 401.
   */
  async rotate(
    presented: string | undefined,
  ): Promise<{ userId: string; familyId: string; refresh: IssuedRefresh }> {
    const row = await this.find(presented);
    if (row.revokedAt !== null) {
      await this.revokeFamily(row.userId, row.familyId);
      throw AppError.unauthorized('Session expired, please sign in again');
    }
    if (row.expiresAt.getTime() <= Date.now())
      throw AppError.unauthorized('Session expired, please sign in again');
    const next = await this.issueRefresh(row.userId, row.familyId);
    const result = await this.tokens.update(
      { id: row.id, revokedAt: IsNull() },
      { revokedAt: new Date(), replacedBy: next.id },
    );
    if (!result.affected) {
      // Lost a race with a concurrent rotation of the same token: treat as reuse.
      await this.revokeFamily(row.userId, row.familyId);
      throw AppError.unauthorized('Session expired, please sign in again');
    }
    return { userId: row.userId, familyId: row.familyId, refresh: next };
  }

  async revoke(presented: string | undefined): Promise<void> {
    try {
      const row = await this.find(presented);
      await this.revokeFamily(row.userId, row.familyId);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }

  /**
   * Ends a sign-in session: its refresh and access tokens stop working and its sockets are
   * closed, in every process.
   */
  async revokeFamily(userId: string, familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.sessions.end(userId, familyId);
    this.events.emit(AuthEvent.SessionEnded, { userId, familyId });
  }

  /** Ends every session of the user but `keep` (the one making the request, if given). */
  async revokeAllSessions(userId: string, keep?: string): Promise<void> {
    const rows = await this.tokens
      .createQueryBuilder('t')
      .select('DISTINCT t.family_id', 'familyId')
      .where('t.user_id = :userId AND t.revoked_at IS NULL', { userId })
      .getRawMany<{ familyId: string }>();
    const live = await this.sessions.live(userId);
    const families = new Set([...rows.map((r) => r.familyId), ...live.map((s) => s.id)]);
    if (keep) families.delete(keep);
    for (const familyId of families) await this.revokeFamily(userId, familyId);
  }

  private async find(presented: string | undefined): Promise<RefreshTokenEntity> {
    const [id, secret] = (presented ?? '').split('.');
    if (!id || !secret || id.length !== 36)
      throw AppError.unauthorized('Session expired, please sign in again');
    const row = await this.tokens.findOneBy({ id });
    const ok =
      row !== null && timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(sha256(secret)));
    if (!row || !ok) throw AppError.unauthorized('Session expired, please sign in again');
    return row;
  }
}
