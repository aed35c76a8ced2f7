import type { Attachment } from '@minimeet/contract';
import { ErrorCode } from '@minimeet/contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { RateLimitService, type Limiter } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AttachmentEntity } from '../database/entities/attachment.entity';
import { MessageEntity } from '../database/entities/message.entity';
import { RoomsService } from '../rooms/rooms.service';
import { ATTACHMENT_ID, thumbnailKey, toAttachment } from './attachment.mapper';
import { BLOB_STORE, type BlobStore } from './blob-store';
import { SAFE_IMAGE_TYPES, sniffContentType } from './content-type';
import { cleanFileName, contentDisposition, foldFileName } from './file-name';
import { decodeImage, THUMBNAIL_TYPE } from './thumbnails';
import { UploadLimit, UploadTooLarge } from './upload-limit';

/** What a download sends: the bytes and the headers that say how a browser may treat them. */
export interface Download {
  body: Readable;
  contentType: string;
  disposition: string;
}

const MB = 1024 * 1024;
const inMb = (bytes: number): string => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Uploads (size and quota enforced while streaming), type detection, thumbnails and downloads. */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);
  /** Uploads per user: 60 a minute. */
  private readonly uploadLimiter: Limiter;

  constructor(
    @InjectRepository(AttachmentEntity) private readonly rows: Repository<AttachmentEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rooms: RoomsService,
    limits: RateLimitService,
  ) {
    this.uploadLimiter = limits.create({ name: 'upload', points: 60, durationSeconds: 60 });
  }

  /**
   * Stores one file a member uploads to a room. Refused with PAYLOAD_TOO_LARGE past
   * ATTACHMENT_MAX_BYTES and QUOTA_EXCEEDED past the uploader's quota, as soon as the stream
   * passes the limit (or at once from Content-Length).
   */
  async upload(
    userId: string,
    roomId: string,
    rawName: string,
    body: Readable,
    declaredLength: number | null,
  ): Promise<Attachment> {
    // A JSON body was read by the JSON parser already: the bytes are not there to stream.
    if (body.readableEnded)
      throw AppError.validation({
        file: ['send the file as the raw request body (application/octet-stream)'],
      });
    await this.rooms.assertMember(roomId, userId);
    await this.uploadLimiter.consume(userId);
    const { maxBytes, quotaBytes } = this.config.attachments;
    const remaining = quotaBytes - (await this.usedBy(userId));
    const tooLarge = (): AppError =>
      new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `Files can be at most ${inMb(maxBytes)}`);
    const overQuota = (): AppError =>
      new AppError(
        ErrorCode.QUOTA_EXCEEDED,
        `This file does not fit in your storage quota of ${inMb(quotaBytes)} (${inMb(Math.max(0, remaining))} left)`,
      );
    if (declaredLength !== null && declaredLength > maxBytes) throw tooLarge();
    if (remaining <= 0 || (declaredLength !== null && declaredLength > remaining))
      throw overQuota();

    const limit = new UploadLimit(Math.min(maxBytes, remaining));
    const key = randomUUID();
    body.on('error', (error) => limit.destroy(error));
    body.pipe(limit);
    try {
      await this.store.write(key, limit);
    } catch (error) {
      // Read and drop the rest of the request, so the refusal reaches the client.
      body.unpipe(limit);
      body.resume();
      if (error instanceof UploadTooLarge) throw maxBytes <= remaining ? tooLarge() : overQuota();
      throw error;
    }
    if (limit.bytes === 0) {
      await this.store.remove(key);
      throw AppError.validation({ file: ['The file is empty'] });
    }
    const row = await this.record(key, userId, roomId, cleanFileName(rawName), limit);
    this.logger.debug(`upload ${row.id} (${row.contentType}, ${row.size} bytes) to ${roomId}`);
    return toAttachment(row);
  }

  /**
   * The file (or its thumbnail) for a member of the room of the message it is attached to, or its
   * uploader before it is sent. Anyone else, and everyone once the message is deleted: NOT_FOUND.
   */
  async open(userId: string, id: string, variant: 'file' | 'thumbnail'): Promise<Download> {
    const row = await this.visible(userId, id);
    const thumbnail = variant === 'thumbnail';
    if (thumbnail && row.width === null) throw AppError.notFound('Thumbnail');
    const body = await this.store.read(thumbnail ? thumbnailKey(row) : row.storageKey);
    if (!body) {
      this.logger.warn(`attachment ${row.id}: its ${variant} is missing from the blob store`);
      throw AppError.notFound('Attachment');
    }
    const inline = thumbnail || (SAFE_IMAGE_TYPES.has(row.contentType) && row.width !== null);
    return {
      body,
      contentType: thumbnail ? THUMBNAIL_TYPE : row.contentType,
      disposition: contentDisposition(inline ? 'inline' : 'attachment', row.name),
    };
  }

  private async visible(userId: string, id: string): Promise<AttachmentEntity> {
    const row = ATTACHMENT_ID.test(id) ? await this.rows.findOneBy({ id }) : null;
    if (!row) throw AppError.notFound('Attachment');
    if (row.messageId === null) {
      if (row.uploaderId !== userId) throw AppError.notFound('Attachment');
      return row;
    }
    const message = await this.messages.findOneBy({ id: row.messageId });
    if (!message || message.deletedAt || !(await this.rooms.isMember(row.roomId, userId)))
      throw AppError.notFound('Attachment');
    return row;
  }

  private async record(
    key: string,
    uploaderId: string,
    roomId: string,
    name: string,
    upload: UploadLimit,
  ): Promise<AttachmentEntity> {
    const contentType = await sniffContentType(upload.head);
    const image = SAFE_IMAGE_TYPES.has(contentType) ? await this.decode(key) : null;
    if (image)
      await this.store.write(thumbnailKey({ storageKey: key }), Readable.from(image.thumbnail));
    const row: AttachmentEntity = {
      id: randomUUID(),
      roomId,
      uploaderId,
      messageId: null,
      name,
      nameLower: foldFileName(name),
      size: upload.bytes,
      contentType,
      storageKey: key,
      width: image?.width ?? null,
      height: image?.height ?? null,
      createdAt: new Date(),
    };
    await this.rows.insert(row);
    return row;
  }

  private async decode(key: string): ReturnType<typeof decodeImage> {
    const stream = await this.store.read(key);
    if (!stream) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return decodeImage(Buffer.concat(chunks));
  }

  /** Bytes the user has stored (hidden attachments of deleted messages count until removed). */
  private async usedBy(userId: string): Promise<number> {
    const row = await this.rows
      .createQueryBuilder('a')
      .select('COALESCE(SUM(a.size), 0)', 'total')
      .where('a.uploader_id = :userId', { userId })
      .getRawOne<{ total: number | string }>();
    return Number(row?.total ?? 0);
  }
}
