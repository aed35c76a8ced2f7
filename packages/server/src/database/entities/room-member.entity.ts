import type { RoomRole } from '@minimeet/contract';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../column-types';

@Entity('room_members')
export class RoomMemberEntity {
  @PrimaryColumn({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  @Index('idx_room_members_user')
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column(dateColumn('joined_at'))
  joinedAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role: RoomRole;
}
