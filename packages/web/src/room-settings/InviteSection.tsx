import type { RoomDetail } from '@minimeet/contract';
import { describeError } from '../lib/errors';
import { inviteLink } from './links';
import { useRegenerateInvite } from './queries';

/** The invite link, and (for the owner) a new one that replaces it. */
export function InviteSection({ room }: { room: RoomDetail }) {
  const regenerate = useRegenerateInvite(room.id);
  return (
    <section className="card settings-section" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite link</h2>
      <input
        className="settings-link"
        readOnly
        aria-label="Invite link"
        value={inviteLink(room.inviteToken)}
        onFocus={(e) => e.currentTarget.select()}
      />
      {room.role === 'owner' && (
        <div className="form-actions">
          <span className="muted">A new link stops the current one from working.</span>
          <button
            type="button"
            className="btn"
            disabled={regenerate.isPending}
            onClick={() => regenerate.mutate()}
          >
            Regenerate link
          </button>
        </div>
      )}
      {regenerate.isError && (
        <p className="note note-error" role="alert">
          {describeError(regenerate.error, 'settings')}
        </p>
      )}
    </section>
  );
}
