import type { Attachment } from '@minimeet/contract';
import type { AttachmentEntity } from '../database/entities/attachment.entity';

export const toAttachment = (row: AttachmentEntity): Attachment => ({
  id: row.id,
  name: row.name,
  size: row.size,
  contentType: row.contentType,
  image:
    row.width !== null && row.height !== null ? { width: row.width, height: row.height } : null,
});

export const thumbnailKey = (row: Pick<AttachmentEntity, 'storageKey'>): string =>
  `${row.storageKey}.thumb`;

export const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
