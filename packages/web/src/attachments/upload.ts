import type { Attachment, ApiErrorBody } from '@minimeet/contract';
import { ATTACHMENT_NAME_HEADER } from '@minimeet/contract';
import { AppError, ClientErrorCode, codeFromStatus, toAppErrorCode } from '../lib/errors';

export interface UploadRequest {
  roomId: string;
  file: File;
  token: string | null;
  /** Bytes sent so far, and the total. */
  onProgress: (loaded: number, total: number) => void;
}

export interface RunningUpload {
  done: Promise<Attachment>;
  /** Stops the upload; `done` then rejects with an AbortError. */
  cancel: () => void;
}

export type Uploader = (req: UploadRequest) => RunningUpload;

/**
 * Sends one file as the raw request body with XMLHttpRequest, for its upload progress events
 * (fetch has none for request bodies). Failures become an AppError with the server's code.
 */
export const uploadWithXhr: Uploader = ({ roomId, file, token, onProgress }) => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', `/api/rooms/${encodeURIComponent(roomId)}/attachments`);
    // Always raw bytes: the server decides what the file is from its content.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader(ATTACHMENT_NAME_HEADER, encodeURIComponent(file.name));
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status === 201 && body) return resolve(body as Attachment);
      const error = (body as ApiErrorBody | null)?.error;
      reject(
        new AppError(error ? toAppErrorCode(error.code) : codeFromStatus(xhr.status), {
          status: xhr.status,
        }),
      );
    };
    xhr.onerror = () => reject(new AppError(ClientErrorCode.NETWORK));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
};

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
