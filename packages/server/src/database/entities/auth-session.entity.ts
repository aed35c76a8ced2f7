import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn, nullableDateColumn } from '../column-types';

/**
 * One sign-in session: a refresh-token family (its id is the family id, the `sid` claim of the
 * session's access tokens), with what the user needs to recognise it in their session list.
 */
@Entity('auth_sessions')
export class AuthSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_auth_sessions_user')
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The User-Agent header at sign-in or last refresh, cut to 255 characters. */
  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  /** The client address at sign-in or last refresh (X-Forwarded-For only from TRUST_PROXY). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  /** Sign-in or the last refresh: the session lives until this plus REFRESH_TOKEN_TTL. */
  @Column(dateColumn('last_seen_at'))
  lastSeenAt: Date;

  /** Set on logout, revocation, password change (other sessions) and account deletion. */
  @Column(nullableDateColumn('revoked_at'))
  revokedAt: Date | null;
}
