/** Files and images attached to chat messages (issue 10). */

/** Default largest file (ATTACHMENT_MAX_BYTES): 25 MB. */
export const ATTACHMENT_DEFAULT_MAX_BYTES = 26_214_400;
/** Attachments one message may carry. */
export const ATTACHMENTS_PER_MESSAGE = 10;
/** Longest file name kept (characters), after cleaning. */
export const ATTACHMENT_NAME_MAX_LENGTH = 200;

/** A stored file as every client sees it. Content is fetched from `GET /api/attachments/:id`. */
export interface Attachment {
  id: string;
  /** The cleaned file name (no path, no control characters). */
  name: string;
  size: number;
  /** Determined from the bytes, never from the name; `application/octet-stream` when unknown. */
  contentType: string;
  /** Set for safe raster images (png, jpeg, gif, webp): a thumbnail is at `/api/attachments/:id/thumbnail`. */
  image: { width: number; height: number } | null;
}

/**
 * The answer of `POST /api/rooms/:roomId/attachments` (the raw file as the request body, its name in
 * the `X-File-Name` header, percent-encoded). Send its `id` in `SendMessagePayload.attachmentIds`.
 */
export type UploadAttachmentResponse = Attachment;

/** The header that carries the file name of an upload (percent-encoded UTF-8). */
export const ATTACHMENT_NAME_HEADER = 'x-file-name';

export const attachmentUrl = (id: string): string => `/api/attachments/${encodeURIComponent(id)}`;
export const attachmentThumbnailUrl = (id: string): string => `${attachmentUrl(id)}/thumbnail`;
