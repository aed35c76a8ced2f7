/**
 * Issue 10, files and images: upload, send with a message, download by members only, size and
 * quota limits enforced while streaming, type from the bytes, thumbnails, deletion, search. With
 * MariaDB + Redis the people are spread over two processes sharing one DATA_DIR.
 */
import type { ApiErrorBody, ChatMessage, MessagePage, SearchResponse } from '@minimeet/contract';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { attachmentCluster, png } from './attachment-kit';
import { nextClientMessageId } from './chat-kit';
import { errorCode, unwrap, type Member } from './call-helpers';
import { api, emitAck, nextEvent, registerUser, type TestUser } from './harness';

const MAX_BYTES = 100_000;
const QUOTA_BYTES = 250_000;
const { room, upload, uploaded, download, send, storedFiles, url } = attachmentCluster(
  'minimeet-files-',
  { ATTACHMENT_MAX_BYTES: String(MAX_BYTES), ATTACHMENT_QUOTA_BYTES: String(QUOTA_BYTES) },
);

async function history(m: Member, roomId: string): Promise<ChatMessage[]> {
  const res = await api<MessagePage>(url(0), 'GET', `/api/rooms/${roomId}/messages`, {
    token: m.user.accessToken,
  });
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('sending files', () => {
  it('an image sent with an empty text reaches the other socket and history, with its size', async () => {
    const { roomId, owner, member } = await room();
    const image = await uploaded(owner.user, roomId, 'holiday photo.png', await png(800, 600));
    expect(image).toMatchObject({
      name: 'holiday photo.png',
      contentType: 'image/png',
      image: { width: 800, height: 600 },
    });
    const heard = nextEvent(member.socket, 'newMessage', (m) => m.sender.id === owner.user.user.id);
    const sent = await send(owner, roomId, '', [image.id]);
    expect(sent.content).toBe('');
    expect(sent.attachments).toEqual([image]);
    expect((await heard).attachments).toEqual([image]);
    expect((await history(member, roomId)).find((m) => m.id === sent.id)?.attachments).toEqual([
      image,
    ]);
  });

  it('a message without text nor files is still refused; files of others or sent before are not attachable', async () => {
    const { roomId, owner, member } = await room();
    const empty = await emitAck(owner.socket, 'sendMessage', {
      roomId,
      content: '',
      clientMessageId: nextClientMessageId(),
    });
    expect(errorCode(empty)).toBe('VALIDATION');
    const file = await uploaded(owner.user, roomId, 'a.txt', Buffer.from('hello'));
    const theirs = await emitAck(member.socket, 'sendMessage', {
      roomId,
      content: 'mine now',
      clientMessageId: nextClientMessageId(),
      attachmentIds: [file.id],
    });
    expect(errorCode(theirs)).toBe('NOT_FOUND');
    await send(owner, roomId, 'first', [file.id]);
    const again = await emitAck(owner.socket, 'sendMessage', {
      roomId,
      content: 'second',
      clientMessageId: nextClientMessageId(),
      attachmentIds: [file.id],
    });
    expect(errorCode(again)).toBe('CONFLICT');
  });
});

describe('downloads', () => {
  it('members get the bytes with the type from the bytes, nosniff, and the right disposition', async () => {
    const { roomId, owner, member } = await room();
    const bytes = await png(40, 30);
    const image = await uploaded(owner.user, roomId, 'résumé.png', bytes);
    const text = await uploaded(owner.user, roomId, 'notes.png', Buffer.from('just some text\n'));
    expect(text).toMatchObject({ contentType: 'application/octet-stream', image: null });
    await send(owner, roomId, 'two files', [image.id, text.id]);

    const res = await download(member.user, image.id, '', 1);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="r_sum_.png"; filename*=UTF-8''r%C3%A9sum%C3%A9.png`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const other = await download(member.user, text.id);
    expect(other.headers.get('content-type')).toBe('application/octet-stream');
    expect(other.headers.get('content-disposition')).toMatch(/^attachment; filename="notes.png"/);
    expect(await other.text()).toBe('just some text\n');
  });

  it('someone outside the room gets 404 for the file and its thumbnail; an unsent upload is its uploader’s only', async () => {
    const { roomId, owner, member } = await room();
    const image = await uploaded(owner.user, roomId, 'p.png', await png(20, 20));
    const unsent = await uploaded(owner.user, roomId, 'draft.png', await png(20, 20));
    await send(owner, roomId, 'pic', [image.id]);
    const stranger = await registerUser(url(0));
    for (const suffix of ['', '/thumbnail']) {
      const res = await download(stranger, image.id, suffix);
      expect(res.status).toBe(404);
      expect(((await res.json()) as ApiErrorBody).error.code).toBe('NOT_FOUND');
    }
    expect((await download(member.user, unsent.id)).status).toBe(404);
    expect((await download(owner.user, unsent.id)).status).toBe(200);
    expect((await download(member.user, 'not-an-id')).status).toBe(404);
    const upload403 = await upload(stranger, roomId, 'x.txt', Buffer.from('x'));
    expect(upload403.status).toBe(403);
  });

  it('a thumbnail is made for an image: WebP, at most 320 pixels, inline', async () => {
    const { roomId, owner, member } = await room();
    const image = await uploaded(owner.user, roomId, 'wide.png', await png(1000, 500));
    await send(owner, roomId, '', [image.id]);
    const res = await download(member.user, image.id, '/thumbnail');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 160 });
  });

  it('SVG or HTML, even named .png, is never served as an image or inline', async () => {
    const { roomId, owner, member } = await room();
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
    const a = await uploaded(owner.user, roomId, 'cat.png', svg);
    const b = await uploaded(owner.user, roomId, 'page.jpg', html);
    await send(owner, roomId, 'look', [a.id, b.id]);
    for (const file of [a, b]) {
      expect(file).toMatchObject({ contentType: 'application/octet-stream', image: null });
      const res = await download(member.user, file.id);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await download(member.user, file.id, '/thumbnail')).status).toBe(404);
    }
  });

  it('a deleted message takes its files with it (by its author or a moderator)', async () => {
    const { roomId, owner, member } = await room();
    const mine = await uploaded(member.user, roomId, 'mine.png', await png(10, 10));
    const theirs = await uploaded(member.user, roomId, 'theirs.txt', Buffer.from('t'));
    const own = await send(member, roomId, 'own', [mine.id]);
    const moderated = await send(member, roomId, 'moderated', [theirs.id]);
    unwrap(await emitAck(member.socket, 'deleteOwnMessage', { roomId, messageId: own.id }));
    unwrap(await emitAck(owner.socket, 'deleteMessage', { roomId, messageId: moderated.id }));
    for (const id of [mine.id, theirs.id]) {
      expect((await download(owner.user, id)).status).toBe(404);
      expect((await download(member.user, id)).status).toBe(404);
    }
    const page = await history(owner, roomId);
    for (const id of [own.id, moderated.id])
      expect(page.find((m) => m.id === id)?.attachments).toEqual([]);
  });
});

/** CRC-32 of PNG chunks. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A small real PNG whose header claims `width` x `height` pixels (a decompression bomb's shape). */
async function claimedSize(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await png(4, 4));
  // Signature (8), then the IHDR chunk: length (4), type (4), width, height, ..., CRC over type+data.
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

describe('limits', () => {
  it('an image claiming more pixels than the decoder limit is not decoded: no thumbnail, a download', async () => {
    const { roomId, owner, member } = await room();
    const bomb = await uploaded(owner.user, roomId, 'bomb.png', await claimedSize(60_000, 60_000));
    expect(bomb).toMatchObject({ contentType: 'image/png', image: null });
    await send(owner, roomId, 'bomb', [bomb.id]);
    const res = await download(member.user, bomb.id);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await download(member.user, bomb.id, '/thumbnail')).status).toBe(404);
  });

  it('a JSON body is refused: the file must be the raw body', async () => {
    const { roomId, owner } = await room();
    const res = await api<ApiErrorBody>(url(0), 'POST', `/api/rooms/${roomId}/attachments`, {
      token: owner.user.accessToken,
      body: { file: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
  });

  it('a file over ATTACHMENT_MAX_BYTES is refused, with or without Content-Length, and nothing stays', async () => {
    const { roomId, owner } = await room();
    const before = storedFiles().length;
    const big = Buffer.alloc(MAX_BYTES + 1, 7);
    for (const streamed of [false, true]) {
      const res = await upload(owner.user, roomId, 'big.bin', big, { streamed });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.body.error.message).toMatch(/at most/);
    }
    expect(storedFiles().length).toBe(before);
    const fits = await upload(owner.user, roomId, 'fits.bin', Buffer.alloc(MAX_BYTES, 7), {
      streamed: true,
    });
    expect(fits.status).toBe(201);
    expect(fits.body.size).toBe(MAX_BYTES);
  });

  it('uploads past the per-user quota are refused with QUOTA_EXCEEDED', async () => {
    const { roomId, owner, member } = await room();
    const chunk = Buffer.alloc(90_000, 1);
    expect((await upload(owner.user, roomId, '1.bin', chunk)).status).toBe(201);
    expect((await upload(owner.user, roomId, '2.bin', chunk)).status).toBe(201);
    for (const streamed of [false, true]) {
      const third = await upload(owner.user, roomId, '3.bin', chunk, { streamed });
      expect(third.status).toBe(413);
      expect(third.body.error.code).toBe('QUOTA_EXCEEDED');
      expect(third.body.error.message).toMatch(/quota/);
    }
    // What is left still fits, and the quota is per user.
    expect((await upload(owner.user, roomId, 'small.bin', Buffer.alloc(60_000, 1))).status).toBe(
      201,
    );
    expect((await upload(member.user, roomId, 'm.bin', chunk)).status).toBe(201);
  });
});

describe('search', () => {
  it('finds messages by the name of their files, for members only', async () => {
    const { roomId, owner, member } = await room();
    const file = await uploaded(
      owner.user,
      roomId,
      'Quarterly-Zanzibar_Report.pdf',
      Buffer.from('%PDF-1.4\n'),
    );
    const sent = await send(owner, roomId, 'see attached', [file.id]);
    await send(owner, roomId, 'nothing here', []);
    const search = async (who: TestUser, q: string): Promise<string[]> => {
      const res = await api<SearchResponse>(
        url(0),
        'GET',
        `/api/search/messages?q=${encodeURIComponent(q)}&roomId=${roomId}`,
        { token: who.accessToken },
      );
      return res.status === 200 ? res.body.items.map((r) => r.message.id) : [];
    };
    expect(await search(member.user, 'zanzibar')).toEqual([sent.id]);
    expect(await search(member.user, 'quarterly zanz')).toEqual([sent.id]);
    expect(await search(member.user, 'anzibar')).toEqual([]);
    expect(await search(await registerUser(url(0)), 'zanzibar')).toEqual([]);
    unwrap(await emitAck(owner.socket, 'deleteOwnMessage', { roomId, messageId: sent.id }));
    expect(await search(member.user, 'zanzibar')).toEqual([]);
  });

  it('pages through text and file-name matches newest first, none repeated or skipped', async () => {
    const { roomId, owner } = await room();
    const a = await uploaded(owner.user, roomId, 'walrus-one.txt', Buffer.from('1'));
    const b = await uploaded(owner.user, roomId, 'old walrus.txt', Buffer.from('2'));
    const first = await send(owner, roomId, 'file one', [a.id]);
    const second = await send(owner, roomId, 'a walrus in the text', []);
    const third = await send(owner, roomId, '', [b.id]);
    await send(owner, roomId, 'no match here', []);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 6; page++) {
      const qs: string = `q=walrus&roomId=${roomId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await api<SearchResponse>(url(0), 'GET', `/api/search/messages?${qs}`, {
        token: owner.user.accessToken,
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r) => r.message.id));
      cursor = res.body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual([third.id, second.id, first.id]);
  });
});
