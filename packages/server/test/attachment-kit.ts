/** Helpers of the attachment tests: a room of two members, uploads, downloads, sends, stored blobs. */
import type { ApiErrorBody, Attachment, ChatMessage } from '@minimeet/contract';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createRoom, enter, SocketPool, unwrap, type Member } from './call-helpers';
import { emitAck, registerUser, startCluster, type TestCluster, type TestUser } from './harness';

export interface Uploaded {
  status: number;
  body: Attachment & ApiErrorBody;
}

export const png = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

let seq = 0;
/** A clientMessageId not used before in this process. */
export const nextClientMessageId = (): string => `att-${++seq}`;

export interface AttachmentKit {
  /** A room whose owner is on server 0 and a member on server 1, both with a joined socket. */
  room: () => Promise<{ roomId: string; owner: Member; member: Member }>;
  upload: (
    user: TestUser,
    roomId: string,
    name: string,
    bytes: Uint8Array,
    options?: { streamed?: boolean; i?: number },
  ) => Promise<Uploaded>;
  /** An upload that must succeed. */
  uploaded: (
    user: TestUser,
    roomId: string,
    name: string,
    bytes: Uint8Array,
  ) => Promise<Attachment>;
  download: (user: TestUser, id: string, suffix?: string, i?: number) => Promise<Response>;
  send: (
    m: Member,
    roomId: string,
    content: string,
    attachmentIds: string[],
  ) => Promise<ChatMessage>;
  /** Every file under DATA_DIR/files (blobs and any leftover partial writes). */
  storedFiles: () => string[];
}

export function attachmentKit(ctx: {
  url: (i: number) => string;
  pool: SocketPool;
  dataDir: () => string;
}): AttachmentKit {
  const { url, pool } = ctx;

  const upload: AttachmentKit['upload'] = async (user, roomId, name, bytes, options = {}) => {
    const body = options.streamed
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            for (let at = 0; at < bytes.length; at += 16_384)
              controller.enqueue(bytes.subarray(at, at + 16_384));
            controller.close();
          },
        })
      : bytes;
    const res = await fetch(`${url(options.i ?? 0)}/api/rooms/${roomId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${user.accessToken}`,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      },
      body,
      ...(options.streamed ? { duplex: 'half' } : {}),
    });
    return { status: res.status, body: (await res.json()) as Uploaded['body'] };
  };

  return {
    room: async () => {
      const ownerUser = await registerUser(url(0));
      const created = await createRoom(url(0), ownerUser);
      const owner = await enter(url(0), pool, created.id, ownerUser);
      const member = await enter(url(1), pool, created.id);
      return { roomId: created.id, owner, member };
    },
    upload,
    uploaded: async (user, roomId, name, bytes) => {
      const res = await upload(user, roomId, name, bytes);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    },
    download: (user, id, suffix = '', i = 0) =>
      fetch(`${url(i)}/api/attachments/${id}${suffix}`, {
        headers: { authorization: `Bearer ${user.accessToken}` },
      }),
    send: async (m, roomId, content, attachmentIds) => {
      const ack = await emitAck(m.socket, 'sendMessage', {
        roomId,
        content,
        clientMessageId: nextClientMessageId(),
        attachmentIds,
      });
      return unwrap(ack).message;
    },
    storedFiles: () => {
      try {
        return readdirSync(join(ctx.dataDir(), 'files'), { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name);
      } catch {
        return [];
      }
    },
  };
}

/**
 * A test file's cluster with its own DATA_DIR (started before its tests, stopped and removed
 * after; sockets closed after each test), and the kit bound to it.
 */
export function attachmentCluster(
  prefix: string,
  env: Record<string, string>,
): AttachmentKit & { cluster: () => TestCluster; url: (i: number) => string } {
  let cluster: TestCluster | undefined;
  let dataDir = '';
  const pool = new SocketPool();
  const current = (): TestCluster => {
    if (!cluster) throw new Error('the attachment cluster is not started');
    return cluster;
  };
  const url = (i: number): string => current().url(i);
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    cluster = await startCluster({ DATA_DIR: dataDir, ...env });
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...attachmentKit({ url, pool, dataDir: () => dataDir }), cluster: current, url };
}
