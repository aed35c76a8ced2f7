/**
 * Issue 10, files and images: uploads never sent with a message are deleted after
 * ATTACHMENT_ORPHAN_TTL_MINUTES (row, blob, thumbnail; the quota is free again), sent files never
 * are, and a deleted room takes its files along. The sweep is called directly with a `now` past
 * the TTL. With MariaDB + Redis two processes share the database and DATA_DIR, and sweep at once.
 */
import { describe, expect, it, vi } from 'vitest';
import { AttachmentCleanup } from '../src/attachments/attachment-cleanup.service';
import { BLOB_STORE, type BlobStore } from '../src/attachments/blob-store';
import { attachmentCluster, png } from './attachment-kit';
import { createRoom } from './call-helpers';
import { api, type TestServer } from './harness';

const TTL_MINUTES = 60;
const QUOTA_BYTES = 250_000;
const BIG = Buffer.alloc(150_000, 3);
const { room, upload, uploaded, download, send, storedFiles, cluster, url } = attachmentCluster(
  'minimeet-orphans-',
  {
    ATTACHMENT_MAX_BYTES: String(BIG.length),
    ATTACHMENT_QUOTA_BYTES: String(QUOTA_BYTES),
    ATTACHMENT_ORPHAN_TTL_MINUTES: String(TTL_MINUTES),
  },
);

const cleanup = (server: TestServer | undefined = cluster().servers[0]): AttachmentCleanup =>
  (server as TestServer).app.get(AttachmentCleanup);

/** `minutes` from now, as the sweep's clock. */
const inMinutes = (minutes: number): Date => new Date(Date.now() + minutes * 60_000);

describe('uploads never sent', () => {
  it('are removed once older than ATTACHMENT_ORPHAN_TTL_MINUTES: 404, blob and thumbnail gone, quota free again', async () => {
    const { roomId, owner } = await room();
    const before = storedFiles().length;
    const file = await uploaded(owner.user, roomId, 'draft.bin', BIG);
    const image = await uploaded(owner.user, roomId, 'draft.png', await png(400, 300));
    expect(image.image).not.toBeNull();
    expect(storedFiles().length).toBe(before + 3); // the file, the image and its thumbnail
    const over = await upload(owner.user, roomId, 'another.bin', BIG);
    expect(over.body.error.code).toBe('QUOTA_EXCEEDED');

    await cleanup().sweep(inMinutes(TTL_MINUTES - 1));
    expect((await download(owner.user, file.id)).status).toBe(200);
    expect((await download(owner.user, image.id, '/thumbnail')).status).toBe(200);

    expect(await cleanup().sweep(inMinutes(TTL_MINUTES + 1))).toBeGreaterThanOrEqual(2);
    for (const [id, suffix] of [
      [file.id, ''],
      [image.id, ''],
      [image.id, '/thumbnail'],
    ] as const)
      expect((await download(owner.user, id, suffix)).status).toBe(404);
    expect(storedFiles().length).toBe(before);
    expect((await upload(owner.user, roomId, 'another.bin', BIG)).status).toBe(201);
  });

  it('processes sweeping at the same time remove each upload once, and keep the sent ones', async () => {
    await cleanup().sweep(inMinutes(TTL_MINUTES + 1)); // earlier tests' leftovers
    const { roomId, owner, member } = await room();
    const sent = await uploaded(owner.user, roomId, 'sent.png', await png(50, 50));
    const message = await send(owner, roomId, 'kept', [sent.id]);
    expect(message.attachments).toEqual([sent]);
    const before = storedFiles().length;
    for (const name of ['a.txt', 'b.txt', 'c.txt'])
      await uploaded(member.user, roomId, name, Buffer.from(name));
    expect(storedFiles().length).toBe(before + 3);

    const later = inMinutes(TTL_MINUTES * 24 * 365);
    const sweeps = [...cluster().servers, ...cluster().servers].map((s) => cleanup(s).sweep(later));
    const removed = await Promise.all(sweeps);
    expect(removed.reduce((a, b) => a + b, 0)).toBe(3);
    expect(storedFiles().length).toBe(before);
    expect((await download(member.user, sent.id)).status).toBe(200);
    expect((await download(member.user, sent.id, '/thumbnail')).status).toBe(200);
  });

  it('a blob that cannot be removed is left behind without failing the sweep', async () => {
    const { roomId, owner } = await room();
    const first = await uploaded(owner.user, roomId, 'one.txt', Buffer.from('one'));
    const second = await uploaded(owner.user, roomId, 'two.txt', Buffer.from('two'));
    const server = cluster().servers[0] as TestServer;
    const store = server.app.get<symbol, BlobStore>(BLOB_STORE);
    const remove = vi.spyOn(store, 'remove').mockRejectedValueOnce(new Error('disk gone'));
    try {
      expect(await cleanup(server).sweep(inMinutes(TTL_MINUTES + 1))).toBe(2);
      expect(remove).toHaveBeenCalledTimes(2);
    } finally {
      remove.mockRestore();
    }
    for (const file of [first, second])
      expect((await download(owner.user, file.id)).status).toBe(404);
  });
});

describe('deleted rooms', () => {
  it('take their files, sent or not, along: blobs gone, quota free again', async () => {
    const { roomId, owner } = await room();
    const before = storedFiles().length;
    const image = await uploaded(owner.user, roomId, 'in-room.png', await png(60, 40));
    const sent = await send(owner, roomId, 'photo', [image.id]);
    expect(sent.attachments).toEqual([image]);
    const unsent = await uploaded(owner.user, roomId, 'unsent.bin', BIG);
    expect(storedFiles().length).toBe(before + 3);
    const other = await createRoom(url(0), owner.user, 'Other');
    expect((await upload(owner.user, other.id, 'over.bin', BIG)).status).toBe(413);

    const res = await api(url(0), 'DELETE', `/api/rooms/${roomId}`, {
      token: owner.user.accessToken,
    });
    expect(res.status).toBe(204);
    // The removal is queued by the process that deleted the room; a sweep there runs after it.
    await cleanup().sweep();
    expect(storedFiles().length).toBe(before);
    for (const id of [image.id, unsent.id])
      expect((await download(owner.user, id)).status).toBe(404);
    expect((await upload(owner.user, other.id, 'fits.bin', BIG)).status).toBe(201);
  });
});
