/** Helpers of the attachment tests: a room of two members, uploads, downloads, sends, stored blobs. */
import type { ApiErrorBody, Attachment, ChatMessage } from '@minimeet/contract';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect } from 'vitest';
import { unwrap, type Member } from './call-helpers';
import { emitAck, type TestUser } from './harness';
import {
  nextClientMessageId,
  useChatCluster,
  type ChatCluster,
  type TwoMemberRoom,
} from './chat-kit';

export interface Uploaded {
  status: number;
  body: Attachment & ApiErrorBody;
}

export const png = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

export interface AttachmentKit {
  room: () => Promise<TwoMemberRoom>;
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

function attachmentKit(ctx: {
  url: (i: number) => string;
  room: () => Promise<TwoMemberRoom>;
  dataDir: () => string;
}): AttachmentKit {
  const { url } = ctx;

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
    room: ctx.room,
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
): AttachmentKit & Pick<ChatCluster, 'cluster' | 'url'> {
  let dataDir = '';
  // Registered first, so it runs after the cluster has stopped.
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const { cluster, url, room } = useChatCluster(() => {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    return { DATA_DIR: dataDir, ...env };
  });
  return { ...attachmentKit({ url, room, dataDir: () => dataDir }), cluster, url };
}
