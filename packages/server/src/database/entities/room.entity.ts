import type { RoomAccessMode } from '@minimeet/contract';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../column-types';

@Entity('rooms')
export class RoomEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Index('idx_rooms_owner')
  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  /** The secret of the room's invite link (`/join/<token>`). */
  @Index('uq_rooms_invite_token', { unique: true })
  @Column({ name: 'invite_token', type: 'varchar', length: 64 })
  inviteToken: string;

  @Column({ name: 'access_mode', type: 'varchar', length: 8, default: 'open' })
  accessMode: RoomAccessMode;

  /** Whether people without an account may join by the link with a name only. */
  @Column({ name: 'allow_guests', type: 'boolean', width: 1, default: true })
  allowGuests: boolean;

  @Column({ name: 'max_participants', type: 'integer' })
  maxParticipants: number;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  /** Creation or the newest message, whichever is later: the order of the room list. */
  @Column(dateColumn('last_activity_at'))
  lastActivityAt: Date;
}
