import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../column-types';

/** One moderator action in a room: who did what to whom, and when. */
@Entity('moderation_log')
@Index('idx_moderation_log_room_id', ['roomId', 'id'])
export class ModerationLogEntity {
  /** Monotonic: the log's pages use it as the keyset. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ name: 'target_user_id', type: 'varchar', length: 36, nullable: true })
  targetUserId: string | null;

  @Column({ name: 'message_id', type: 'integer', nullable: true })
  messageId: number | null;

  /** JSON: the media kind and whether it was blocked. */
  @Column({ type: 'varchar', length: 200, default: '{}' })
  details: string;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
