import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn, nullableDateColumn } from '../column-types';

@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_refresh_tokens_user')
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** Every token descended from one login shares a family; reuse of an old one revokes it all. */
  @Index('idx_refresh_tokens_family')
  @Column({ name: 'family_id', type: 'varchar', length: 36 })
  familyId: string;

  /** SHA-256 of the secret part; the secret itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(dateColumn('expires_at'))
  expiresAt: Date;

  @Column(nullableDateColumn('revoked_at'))
  revokedAt: Date | null;

  @Column({ name: 'replaced_by', type: 'varchar', length: 36, nullable: true })
  replacedBy: string | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
