import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AuthSessionEntity } from '../database/entities/auth-session.entity';

/** Where a session is used from, as the user will see it in their session list. */
export interface SessionClient {
  address: string;
  userAgent: string | undefined;
}

const USER_AGENT_MAX = 255;
const ADDRESS_MAX = 64;

/**
 * The `auth_sessions` rows: one per refresh-token family, written at sign-in, touched on each
 * refresh, marked revoked when the family ends. TokenService keeps the tokens themselves.
 */
@Injectable()
export class SessionStore {
  constructor(
    @InjectRepository(AuthSessionEntity) private readonly rows: Repository<AuthSessionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(userId: string, familyId: string, client: SessionClient): Promise<void> {
    const now = new Date();
    await this.rows.insert({
      id: familyId,
      userId,
      ...details(client),
      createdAt: now,
      lastSeenAt: now,
      revokedAt: null,
    });
  }

  /** A refresh: the session was seen now, from there. A session older than this table gets its row. */
  async seen(userId: string, familyId: string, client: SessionClient): Promise<void> {
    const now = new Date();
    const result = await this.rows.update(
      { id: familyId, revokedAt: IsNull() },
      { ...details(client), lastSeenAt: now },
    );
    if (result.affected) return;
    await this.rows
      .createQueryBuilder()
      .insert()
      .values({ id: familyId, userId, ...details(client), createdAt: now, lastSeenAt: now })
      .orIgnore()
      .execute();
  }

  /** Marks the session ended; a family without a row gets a revoked one (its tokens are refused). */
  async end(userId: string, familyId: string): Promise<void> {
    const now = new Date();
    const result = await this.rows.update(
      { id: familyId, revokedAt: IsNull() },
      { revokedAt: now },
    );
    if (result.affected) return;
    await this.rows
      .createQueryBuilder()
      .insert()
      .values({
        id: familyId,
        userId,
        userAgent: null,
        ip: null,
        createdAt: now,
        lastSeenAt: now,
        revokedAt: now,
      })
      .orIgnore()
      .execute();
  }

  /** Whether the session was ended (unknown sessions, from before this table, are not). */
  async isRevoked(familyId: string): Promise<boolean> {
    const row = await this.rows.findOne({ where: { id: familyId }, select: ['id', 'revokedAt'] });
    return row?.revokedAt != null;
  }

  /** The user's sessions not ended and not expired (seen within the refresh-token lifetime), newest first. */
  live(userId: string): Promise<AuthSessionEntity[]> {
    const since = new Date(Date.now() - this.config.refreshTokenTtlSeconds * 1000);
    return this.rows.find({
      where: { userId, revokedAt: IsNull(), lastSeenAt: MoreThan(since) },
      order: { lastSeenAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /** One live session of this user; null for a wrong id, someone else's or an ended one. */
  async liveOne(userId: string, id: string): Promise<AuthSessionEntity | null> {
    const sessions = await this.live(userId);
    return sessions.find((s) => s.id === id) ?? null;
  }
}

function details(client: SessionClient): Pick<AuthSessionEntity, 'userAgent' | 'ip'> {
  return {
    userAgent: client.userAgent ? client.userAgent.slice(0, USER_AGENT_MAX) : null,
    ip: client.address.slice(0, ADDRESS_MAX),
  };
}
