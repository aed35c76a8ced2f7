import type { Attachment } from '@minimeet/contract';
import { attachmentThumbnailUrl, attachmentUrl } from '@minimeet/contract';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../lib/errors';
import { fetchBlobUrl, releaseBlobUrl, saveFile } from './blobs';
import { formatBytes } from './format';

/** Loads an API file as a blob: URL while the component shows it. */
function useBlobUrl(path: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    let created: string | null = null;
    fetchBlobUrl(path, abort.signal)
      .then((u) => {
        created = u;
        setUrl(u);
      })
      .catch(() => setUrl(null));
    return () => {
      abort.abort();
      if (created) releaseBlobUrl(created);
    };
  }, [path]);
  return url;
}

/** An image's thumbnail; activating it opens the full image in a dialog. */
function ImageAttachment({ file }: { file: Attachment }) {
  const thumb = useBlobUrl(attachmentThumbnailUrl(file.id));
  const [open, setOpen] = useState(false);
  const full = useBlobUrl(open ? attachmentUrl(file.id) : null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el || !open) return;
    if (typeof el.showModal === 'function' && !el.open) el.showModal();
  }, [open]);
  const { width, height } = file.image ?? { width: 1, height: 1 };
  return (
    <>
      <button
        type="button"
        className="attachment-thumb"
        aria-label={`Open image ${file.name}`}
        onClick={() => setOpen(true)}
      >
        {thumb ? (
          <img src={thumb} alt={file.name} width={Math.min(240, width)} />
        ) : (
          <span
            className="attachment-thumb-placeholder"
            style={{ aspectRatio: `${width}/${height}` }}
          />
        )}
      </button>
      {open && (
        <dialog
          ref={dialog}
          className="attachment-dialog"
          aria-label={file.name}
          onClose={() => setOpen(false)}
        >
          {full ? <img src={full} alt={file.name} /> : <p>Loading…</p>}
          <div className="attachment-dialog-actions">
            <DownloadButton file={file} />
            <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}

function DownloadButton({ file }: { file: Attachment }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        aria-label={`Download ${file.name}`}
        onClick={() => {
          setError(null);
          saveFile(attachmentUrl(file.id), file.name).catch((e: unknown) =>
            setError(describeError(e)),
          );
        }}
      >
        Download
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}

/** A file that is not an image: its name, size and a Download button. */
function FileCard({ file }: { file: Attachment }) {
  return (
    <div className="attachment-card">
      <span className="attachment-name">{file.name}</span>
      <span className="attachment-size">{formatBytes(file.size)}</span>
      <DownloadButton file={file} />
    </div>
  );
}

/** The files of a message: images as thumbnails, other files as cards. */
export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((file) => (
        <li key={file.id}>
          {file.image ? <ImageAttachment file={file} /> : <FileCard file={file} />}
        </li>
      ))}
    </ul>
  );
}
