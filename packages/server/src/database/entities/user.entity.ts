import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../column-types';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  username: string;

  /** Lower-cased username, for case-insensitive uniqueness and login. */
  @Index('uq_users_username_lower', { unique: true })
  @Column({ name: 'username_lower', type: 'varchar', length: 32 })
  usernameLower: string;

  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
