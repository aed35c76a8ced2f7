import type { Attachment } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { AttachmentEntity } from '../database/entities/attachment.entity';
import { MessageEntity } from '../database/entities/message.entity';
import { toAttachment } from './attachment.mapper';

/** What chat needs of attachments: checking and linking a message's uploads, and showing them. */
@Injectable()
export class AttachmentLinks {
  constructor(
    @InjectRepository(AttachmentEntity) private readonly rows: Repository<AttachmentEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
  ) {}

  /**
   * The sender's uploads to the room, in the order given, that a message may carry: not attached
   * yet, or attached to this very message (a retry of the same clientMessageId). NOT_FOUND else.
   */
  async claimable(
    senderId: string,
    roomId: string,
    ids: string[],
    clientMessageId: string,
  ): Promise<AttachmentEntity[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.rows.findBy({ id: In(unique), uploaderId: senderId, roomId });
    if (rows.length !== unique.length) throw AppError.notFound('Attachment');
    const linked = [...new Set(rows.flatMap((r) => (r.messageId === null ? [] : [r.messageId])))];
    if (linked.length > 0) {
      const owners = await this.messages.findBy({ id: In(linked) });
      if (
        owners.length !== linked.length ||
        owners.some((m) => m.clientMessageId !== clientMessageId)
      )
        throw AppError.conflict('An attachment was already sent with another message', {
          attachmentIds: ['each file can be sent once'],
        });
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    return unique.map((id) => byId.get(id) as AttachmentEntity);
  }

  /**
   * Attaches the uploads to the stored message; what the message then shows. An upload the
   * cleanup deleted since it was claimed (unsent past ATTACHMENT_ORPHAN_TTL_MINUTES) is left out.
   */
  async link(rows: AttachmentEntity[], messageId: number): Promise<Attachment[]> {
    if (rows.length === 0) return [];
    const { affected } = await this.rows.update(
      { id: In(rows.map((r) => r.id)), messageId: IsNull() },
      { messageId },
    );
    if (affected === rows.length) return rows.map((r) => toAttachment({ ...r, messageId }));
    return (await this.forMessages([messageId])).get(messageId) ?? [];
  }

  /** The attachments of each message, oldest upload first. */
  async forMessages(messageIds: number[]): Promise<Map<number, Attachment[]>> {
    const out = new Map<number, Attachment[]>();
    if (messageIds.length === 0) return out;
    const rows = await this.rows.find({
      where: { messageId: In(messageIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const row of rows) {
      const list = out.get(row.messageId as number) ?? [];
      list.push(toAttachment(row));
      out.set(row.messageId as number, list);
    }
    return out;
  }
}
