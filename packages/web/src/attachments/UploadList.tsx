import { errorMessage } from '../lib/errors';
import { useStore } from '../lib/useStore';
import { formatBytes } from './format';
import type { Uploads } from './uploads';

/** The files about to be sent: a progress bar while each uploads, Cancel, or why it failed. */
export function UploadList({ uploads }: { uploads: Uploads }) {
  const items = useStore(uploads);
  if (items.length === 0) return null;
  return (
    <ul className="upload-list" aria-label="Files to send">
      {items.map((item) => {
        const percent = item.size > 0 ? Math.round((item.loaded / item.size) * 100) : 100;
        return (
          <li key={item.localId} className={`upload upload-${item.status}`}>
            <span className="upload-name">{item.name}</span>
            <span className="upload-size">{formatBytes(item.size)}</span>
            {item.status === 'uploading' && (
              <span
                className="upload-bar"
                role="progressbar"
                aria-label={`Uploading ${item.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
              >
                <span className="upload-fill" style={{ width: `${percent}%` }} />
              </span>
            )}
            {item.status === 'failed' && (
              <span className="upload-problem" role="alert">
                {errorMessage(item.errorCode ?? 'UNKNOWN', 'upload')}
              </span>
            )}
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => uploads.cancel(item.localId)}
            >
              {item.status === 'uploading' ? 'Cancel' : 'Remove'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
