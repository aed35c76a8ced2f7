import { Transform, type TransformCallback } from 'node:stream';

/** Bytes kept from the start of an upload for type detection (file-type's sample size). */
const HEAD_BYTES = 4100;

export class UploadTooLarge extends Error {
  constructor() {
    super('upload exceeds its limit');
    this.name = 'UploadTooLarge';
  }
}

/**
 * Counts the bytes of an upload as they stream through and fails with UploadTooLarge as soon as
 * they pass `limit`: nothing larger is ever buffered or written in full. Keeps the first bytes.
 */
export class UploadLimit extends Transform {
  bytes = 0;
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  constructor(private readonly limit: number) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.chunks).subarray(0, HEAD_BYTES);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new UploadTooLarge());
    if (this.kept < HEAD_BYTES) {
      this.chunks.push(chunk.subarray(0, HEAD_BYTES - this.kept));
      this.kept += Math.min(chunk.length, HEAD_BYTES - this.kept);
    }
    done(null, chunk);
  }
}
