import { ATTACHMENT_DEFAULT_MAX_BYTES } from '@minimeet/contract';
import { join } from 'node:path';

/** Files attached to chat messages (issue 10). */
export interface AttachmentsConfig {
  /** Largest file accepted, in bytes (ATTACHMENT_MAX_BYTES, default 25 MB). */
  maxBytes: number;
  /** Bytes one user may have stored over all their uploads (ATTACHMENT_QUOTA_BYTES, default 1 GiB). */
  quotaBytes: number;
  /** Where the local-disk blob store keeps the files: DATA_DIR/files. */
  dir: string;
  /**
   * Minutes an upload may stay unsent before the periodic sweep deletes it, its blob and its
   * thumbnail (ATTACHMENT_ORPHAN_TTL_MINUTES, default 1440 = 24 h, at most 30 days).
   */
  orphanTtlMinutes: number;
}

const GIB = 1024 ** 3;
const DAY_MINUTES = 24 * 60;

export interface AttachmentsEnv {
  int: (name: string, fallback: number, min: number, max: number) => number;
  problems: string[];
  dataDir: string;
}

export function parseAttachments({ int, problems, dataDir }: AttachmentsEnv): AttachmentsConfig {
  // The size column is a 32-bit integer: 2 GiB - 1 is the largest file that can be recorded.
  const maxBytes = int('ATTACHMENT_MAX_BYTES', ATTACHMENT_DEFAULT_MAX_BYTES, 1, 2 ** 31 - 1);
  const quotaBytes = int('ATTACHMENT_QUOTA_BYTES', GIB, 1, Number.MAX_SAFE_INTEGER);
  if (maxBytes > quotaBytes)
    problems.push(
      `ATTACHMENT_MAX_BYTES (${maxBytes}) must not be larger than ATTACHMENT_QUOTA_BYTES (${quotaBytes})`,
    );
  const orphanTtlMinutes = int('ATTACHMENT_ORPHAN_TTL_MINUTES', DAY_MINUTES, 1, 30 * DAY_MINUTES);
  return { maxBytes, quotaBytes, dir: join(dataDir, 'files'), orphanTtlMinutes };
}
