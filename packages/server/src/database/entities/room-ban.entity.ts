import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../column-types';

/** A user kept out of a room: they cannot join it again, with or without the link. */
@Entity('room_bans')
export class RoomBanEntity {
  @PrimaryColumn({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'banned_by', type: 'varchar', length: 36 })
  bannedBy: string;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
