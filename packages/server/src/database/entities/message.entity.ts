import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, nullableDateColumn } from '../column-types';

@Entity('messages')
@Index('idx_messages_room_id', ['roomId', 'id'])
@Index('idx_messages_room_changed', ['roomId', 'changedAt'])
@Index('uq_messages_sender_client_id', ['senderId', 'clientMessageId'], { unique: true })
export class MessageEntity {
  /** Monotonic: history pages and search use it as the keyset. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  @Column({ name: 'sender_id', type: 'varchar', length: 36 })
  senderId: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'client_message_id', type: 'varchar', length: 64 })
  clientMessageId: string;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  /** Set when the author last edited the message. */
  @Column(nullableDateColumn('edited_at'))
  editedAt?: Date | null;

  /** The message of the same room this one answers. */
  @Column({ name: 'reply_to_id', type: 'integer', nullable: true })
  replyToId?: number | null;

  /** Set when the message was deleted, by its author or a moderator (its content is then blanked). */
  @Column(nullableDateColumn('deleted_at'))
  deletedAt?: Date | null;

  @Column({ name: 'deleted_by', type: 'varchar', length: 36, nullable: true })
  deletedBy?: string | null;

  /**
   * When the stored message last changed (edit, delete, a reaction added or taken back); null
   * while it never did. What `changedSince` history pages by: a new message does not set it.
   */
  @Column(nullableDateColumn('changed_at'))
  changedAt?: Date | null;
}
