import type { Attachment } from '@minimeet/contract';
import type { AppErrorCode } from '../lib/errors';
import { toAppError } from '../lib/errors';
import { createStore, type ReadableStore } from '../lib/store';
import type { RunningUpload, Uploader } from './upload';

export interface UploadItem {
  localId: string;
  name: string;
  size: number;
  loaded: number;
  status: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  errorCode?: AppErrorCode;
}

export interface Uploads extends ReadableStore<readonly UploadItem[]> {
  add: (files: Iterable<File>) => void;
  /** Stops an upload, or takes a finished or failed one off the list. */
  cancel: (localId: string) => void;
  /** The uploaded files, in the order they were added, once none is still uploading. */
  ready: () => Attachment[] | null;
  clear: () => void;
  dispose: () => void;
}

/** The files a composer is about to send: each uploads at once, with its progress. */
export function createUploads(deps: {
  roomId: string;
  upload: Uploader;
  getToken: () => string | null;
}): Uploads {
  const store = createStore<readonly UploadItem[]>([]);
  const running = new Map<string, RunningUpload>();
  let next = 0;
  const patch = (localId: string, change: Partial<UploadItem>) =>
    store.setState((items) =>
      items.map((item) => (item.localId === localId ? { ...item, ...change } : item)),
    );

  function start(file: File): void {
    const localId = `up-${++next}`;
    store.setState((items) => [
      ...items,
      { localId, name: file.name, size: file.size, loaded: 0, status: 'uploading' },
    ]);
    const run = deps.upload({
      roomId: deps.roomId,
      file,
      token: deps.getToken(),
      onProgress: (loaded) => patch(localId, { loaded }),
    });
    running.set(localId, run);
    run.done.then(
      (attachment) => patch(localId, { status: 'done', loaded: file.size, attachment }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        patch(localId, { status: 'failed', errorCode: toAppError(error).code });
      },
    );
    void run.done.finally(() => running.delete(localId)).catch(() => undefined);
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    add: (files) => {
      for (const file of files) start(file);
    },
    cancel: (localId) => {
      running.get(localId)?.cancel();
      store.setState((items) => items.filter((item) => item.localId !== localId));
    },
    ready: () => {
      const items = store.getState();
      if (items.some((item) => item.status === 'uploading')) return null;
      return items.flatMap((item) => (item.attachment ? [item.attachment] : []));
    },
    clear: () => store.setState([]),
    dispose: () => {
      for (const run of running.values()) run.cancel();
      running.clear();
    },
  };
}
