import { useState } from 'react';
import { connection } from '../app/realtime';
import { useModerationAction } from './useModerationAction';

/** A moderator deletes a message, after saying yes to a confirmation. */
export function DeleteMessageButton({ roomId, messageId }: { roomId: string; messageId: string }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useModerationAction();
  if (!confirming)
    return (
      <button
        type="button"
        className="btn btn-small btn-ghost msg-delete"
        onClick={() => setConfirming(true)}
      >
        Delete message
      </button>
    );
  return (
    <span className="msg-delete-confirm" role="group" aria-label="Delete this message?">
      <span>Delete this message for everyone?</span>
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={busy}
        onClick={() =>
          run(
            () => connection.request('deleteMessage', { roomId, messageId }),
            () => setConfirming(false),
          )
        }
      >
        Confirm delete
      </button>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
