import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { RoomsModule } from '../rooms/rooms.module';
import { AttachmentCleanup } from './attachment-cleanup.service';
import { AttachmentLinks } from './attachment-links.service';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { BLOB_STORE } from './blob-store';
import { LocalDiskBlobStore } from './local-disk-blob-store';

/**
 * Files and images on chat messages: uploads, downloads, thumbnails; the blob store behind them;
 * the cleanup of unsent uploads and of the files of deleted rooms.
 */
@Module({
  imports: [DatabaseModule, AuthModule, RoomsModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    AttachmentLinks,
    AttachmentCleanup,
    {
      provide: BLOB_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskBlobStore(config.attachments.dir),
    },
  ],
  exports: [AttachmentLinks],
})
export class AttachmentsModule {}
