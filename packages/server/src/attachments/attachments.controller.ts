import type { Attachment, PublicUser } from '@minimeet/contract';
import { ATTACHMENT_NAME_HEADER } from '@minimeet/contract';
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { AttachmentsService, type Download } from './attachments.service';
import { decodeFileNameHeader } from './file-name';

@ApiTags('attachments')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller()
export class AttachmentsController {
  private readonly logger = new Logger(AttachmentsController.name);

  constructor(private readonly attachments: AttachmentsService) {}

  /** Uploads one file (the raw request body; its name in X-File-Name) to a room (members only). */
  @Post('rooms/:roomId/attachments')
  @HttpCode(201)
  upload(
    @CurrentUser() user: PublicUser,
    @Param('roomId') roomId: string,
    @Req() req: Request,
    @Headers(ATTACHMENT_NAME_HEADER) name?: string,
    @Headers('content-length') length?: string,
  ): Promise<Attachment> {
    const declared = length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : null;
    return this.attachments.upload(user.id, roomId, decodeFileNameHeader(name), req, declared);
  }

  @Get('attachments/:id')
  async download(
    @CurrentUser() user: PublicUser,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.send(res, await this.attachments.open(user.id, id, 'file'));
  }

  @Get('attachments/:id/thumbnail')
  async thumbnail(
    @CurrentUser() user: PublicUser,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.send(res, await this.attachments.open(user.id, id, 'thumbnail'));
  }

  private async send(res: Response, download: Download): Promise<void> {
    res.setHeader('Content-Type', download.contentType);
    res.setHeader('Content-Disposition', download.disposition);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Even opened directly, a file can run nothing and load nothing.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=300');
    try {
      await pipeline(download.body, res);
    } catch (error) {
      this.logger.warn(
        `download interrupted: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    }
  }
}
