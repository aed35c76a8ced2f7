import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn, nullableDateColumn } from '../column-types';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The display name; "Deleted user" for every deleted account (see `usernameLower`). */
  @Column({ type: 'varchar', length: 32 })
  username: string;

  /**
   * Lower-cased username, for case-insensitive uniqueness and login. A deleted account holds a
   * reserved `~deleted-…` value here, which no registration can take.
   */
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

  /** When the account was deleted: name, email and password are erased, the row stays. */
  @Column(nullableDateColumn('deleted_at'))
  deletedAt: Date | null;

  /** A guest's one room (null for accounts): the only room a guest may be in. */
  @Column({ name: 'guest_room_id', type: 'varchar', length: 36, nullable: true })
  guestRoomId?: string | null;

  /** When a guest's session ends at the latest. */
  @Column(nullableDateColumn('guest_expires_at'))
  guestExpiresAt?: Date | null;
}
