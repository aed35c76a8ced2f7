import type { Attachment } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import type { UploadRequest, Uploader } from './upload';
import { createUploads } from './uploads';

/** An uploader the test drives: progress, success, failure, and whether it was cancelled. */
function fakeUploader() {
  const calls: {
    req: UploadRequest;
    resolve: (a: Attachment) => void;
    reject: (e: unknown) => void;
    cancelled: boolean;
  }[] = [];
  const upload: Uploader = (req) => {
    let resolve!: (a: Attachment) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<Attachment>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const call = { req, resolve, reject, cancelled: false };
    calls.push(call);
    return {
      done,
      cancel: () => {
        call.cancelled = true;
        reject(new DOMException('cancelled', 'AbortError'));
      },
    };
  };
  return { upload, calls };
}

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
const attachment = (id: string, name: string): Attachment => ({
  id,
  name,
  size: 10,
  contentType: 'image/png',
  image: { width: 1, height: 1 },
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('createUploads', () => {
  it('uploads each file with its progress; ready only once none is still uploading', async () => {
    const fake = fakeUploader();
    const uploads = createUploads({ roomId: 'r1', upload: fake.upload, getToken: () => 'tok' });
    uploads.add([file('a.png', 10), file('b.txt', 20)]);
    expect(fake.calls.map((c) => [c.req.roomId, c.req.file.name, c.req.token])).toEqual([
      ['r1', 'a.png', 'tok'],
      ['r1', 'b.txt', 'tok'],
    ]);
    fake.calls[0]?.req.onProgress(5, 10);
    expect(uploads.getState()[0]).toMatchObject({ loaded: 5, status: 'uploading' });
    expect(uploads.ready()).toBeNull();
    fake.calls[0]?.resolve(attachment('x', 'a.png'));
    fake.calls[1]?.reject(new AppError('PAYLOAD_TOO_LARGE', { status: 413 }));
    await settle();
    expect(uploads.getState().map((i) => [i.status, i.errorCode])).toEqual([
      ['done', undefined],
      ['failed', 'PAYLOAD_TOO_LARGE'],
    ]);
    expect(uploads.ready()).toEqual([attachment('x', 'a.png')]);
    uploads.clear();
    expect(uploads.getState()).toEqual([]);
  });

  it('cancel stops a running upload and takes it off the list without an error', async () => {
    const fake = fakeUploader();
    const uploads = createUploads({ roomId: 'r1', upload: fake.upload, getToken: () => null });
    uploads.add([file('big.bin', 100)]);
    const [item] = uploads.getState();
    uploads.cancel(item?.localId ?? '');
    await settle();
    expect(fake.calls[0]?.cancelled).toBe(true);
    expect(uploads.getState()).toEqual([]);
    expect(uploads.ready()).toEqual([]);
  });
});
