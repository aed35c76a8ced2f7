import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../column-types';

/** A file uploaded to a room; attached to at most one message (null until it is sent). */
@Entity('attachments')
@Index('idx_attachments_message', ['messageId'])
@Index('idx_attachments_uploader', ['uploaderId'])
@Index('idx_attachments_room_name', ['roomId', 'nameLower'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'room_id', type: 'varchar', length: 36 })
  roomId: string;

  @Column({ name: 'uploader_id', type: 'varchar', length: 36 })
  uploaderId: string;

  @Column({ name: 'message_id', type: 'integer', nullable: true })
  messageId: number | null;

  /** The cleaned file name, as shown. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The name folded for search (lower case, no diacritics). */
  @Column({ name: 'name_lower', type: 'varchar', length: 200 })
  nameLower: string;

  @Column({ type: 'integer' })
  size: number;

  /** From the bytes; application/octet-stream when unknown or unsafe. */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  /** Where the bytes are in the blob store. */
  @Column({ name: 'storage_key', type: 'varchar', length: 100 })
  storageKey: string;

  /** Set for decoded safe raster images, which have a thumbnail. */
  @Column({ type: 'integer', nullable: true })
  width: number | null;

  @Column({ type: 'integer', nullable: true })
  height: number | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
