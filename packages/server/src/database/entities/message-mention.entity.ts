import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One room member @mentioned by one message. */
@Entity('message_mentions')
@Index('idx_message_mentions_user_room', ['userId', 'roomId', 'messageId'])
@Index('idx_message_mentions_room', ['roomId'])
export class MessageMentionEntity {
  @PrimaryColumn({ name: 'message_id', type: 'integer' })
  messageId: number;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** Kept so that mention counts per room need no join, and a room's delete needs none either. */
  @Column({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;
}
