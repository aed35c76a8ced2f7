import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../column-types';

/** One person's reaction with one emoji on one message. */
@Entity('message_reactions')
@Index('idx_message_reactions_room', ['roomId'])
export class MessageReactionEntity {
  @PrimaryColumn({ name: 'message_id', type: 'integer' })
  messageId: number;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The emoji's code points in hex ("1f44d", "2764-fe0f"): ASCII, so no collation folds two together. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  emoji: string;

  /** Kept so that deleting a room deletes its reactions without a join. */
  @Column({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
