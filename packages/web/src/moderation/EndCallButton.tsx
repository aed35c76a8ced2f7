import { connection } from '../app/realtime';
import { useModerationAction } from './useModerationAction';

/** A moderator ends the call for everyone in it. */
export function EndCallButton({ roomId }: { roomId: string }) {
  const { busy, error, run } = useModerationAction();
  return (
    <>
      <button
        type="button"
        className="btn btn-danger"
        disabled={busy}
        onClick={() => run(() => connection.request('endCallForAll', { roomId }))}
      >
        End call for everyone
      </button>
      {error && (
        <p role="alert" className="call-notice">
          {error}
        </p>
      )}
    </>
  );
}
