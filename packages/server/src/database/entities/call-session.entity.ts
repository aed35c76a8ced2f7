import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn, nullableDateColumn } from '../column-types';

/** One call in a room, from its first joiner to its last leaver. */
@Entity('call_sessions')
@Index('idx_call_sessions_room_started', ['roomId', 'startedAt'])
export class CallSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  @Column(dateColumn('started_at'))
  startedAt: Date;

  @Column(nullableDateColumn('ended_at'))
  endedAt: Date | null;
}
