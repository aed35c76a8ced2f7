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

  @Column({ name: 'max_participants', type: 'integer' })
  maxParticipants: number;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  /** Creation or the newest message, whichever is later: the order of the room list. */
  @Column(dateColumn('last_activity_at'))
  lastActivityAt: Date;
}
