import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live, by an opaque key. The local disk is the first implementation
 * (LocalDiskBlobStore); an S3-compatible store would implement the same three calls.
 */
export interface BlobStore {
  /** Stores the stream under `key`; the blob is visible only once the promise resolves. */
  write(key: string, data: Readable): Promise<void>;
  /** The blob's bytes, or null when there is none. */
  read(key: string): Promise<Readable | null>;
  /** Removes the blob; nothing happens when there is none. */
  remove(key: string): Promise<void>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');
