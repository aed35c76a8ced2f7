import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../column-types';

/** How far one user has read one room: the id of the newest message they have seen. */
@Entity('read_markers')
@Index('idx_read_markers_room', ['roomId'])
export class ReadMarkerEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  /** Only ever grows (0: nothing read yet). */
  @Column({ name: 'last_read_message_id', type: 'integer' })
  lastReadMessageId: number;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
