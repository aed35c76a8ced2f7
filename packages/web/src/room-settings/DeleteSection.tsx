import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../lib/errors';
import { useDeleteRoom } from './queries';

/** Deleting the room (owner only), after a confirmation. */
export function DeleteSection({ roomId, name }: { roomId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteRoom(roomId);
  const navigate = useNavigate();
  return (
    <section className="card settings-section settings-danger" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete room</h2>
      <p className="muted">
        Deletes the room with its messages, members and call history, for everyone. This cannot be
        undone.
      </p>
      {confirming ? (
        <div className="form-actions" role="group" aria-label="Confirm deletion">
          <span>Delete “{name}” for everyone?</span>
          <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => void navigate('/', { replace: true }),
              })
            }
          >
            Yes, delete
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            Delete room
          </button>
        </div>
      )}
      {remove.isError && (
        <p className="note note-error" role="alert">
          {describeError(remove.error, 'settings')}
        </p>
      )}
    </section>
  );
}
