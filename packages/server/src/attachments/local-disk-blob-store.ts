import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store';

const KEY = /^[a-z0-9][a-z0-9-]{1,80}(\.[a-z]{1,8})?$/;

/** Blobs as files under one folder (DATA_DIR/files), spread over subfolders by key prefix. */
export class LocalDiskBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  async write(key: string, data: Readable): Promise<void> {
    const path = this.path(key);
    const partial = `${path}.partial`;
    await mkdir(join(path, '..'), { recursive: true });
    try {
      await pipeline(data, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<Readable | null> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid blob key ${key}`);
    return join(this.dir, key.slice(0, 2), key);
  }
}
