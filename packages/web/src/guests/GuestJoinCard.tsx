import type { GuestInvitePreview } from '@minimeet/contract';
import { GUEST_NAME_PATTERN } from '@minimeet/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { authApi, session } from '../app/services';
import { describeError } from '../lib/errors';
import { Field } from '../ui/Field';
import './guests.css';

/** The token of a `/join/<token>` path, or null. */
export function inviteTokenOf(path: string): string | null {
  return /^\/join\/([A-Za-z0-9_-]{16,64})$/.exec(path)?.[1] ?? null;
}

/**
 * On the sign-in page opened from a room link: join with a name only, as a guest of that room.
 * When the room takes no guests it says to sign in. Shows nothing for a link that is not valid
 * (the room page says so after sign-in).
 */
export function GuestJoinCard({ token }: { token: string }) {
  const [preview, setPreview] = useState<GuestInvitePreview | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    authApi.guestPreview(token).then(
      (p) => live && setPreview(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (!preview) return null;
  if (!preview.allowGuests)
    return (
      <p className="note" role="status">
        <strong>{preview.name}</strong> does not take guests: sign in or create an account to join.
      </p>
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const displayName = name.trim().replace(/\s+/g, ' ');
    if (!GUEST_NAME_PATTERN.test(displayName)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(null);
    // Signed in as a guest, the sign-in page goes on to the link, which opens the room.
    session.joinAsGuest({ inviteToken: token, displayName }).catch((err: unknown) => {
      setError(err);
      setBusy(false);
    });
  };

  return (
    <section className="guest-join" aria-labelledby="guest-join-title">
      <h2 id="guest-join-title">Join {preview.name}</h2>
      <p className="muted">No account needed: tell the others your name.</p>
      {error !== null && (
        <p className="note note-error" role="alert">
          {describeError(error, 'guest')}
        </p>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field
          label="Your name"
          name="displayName"
          autoComplete="name"
          autoFocus
          maxLength={32}
          value={name}
          error={invalid ? "1-32 letters, digits, spaces, '.', '_', \"'\" or '-'" : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Joining…' : 'Join as guest'}
        </button>
      </form>
      <p className="guest-join-or" aria-hidden="true">
        <span>or sign in</span>
      </p>
    </section>
  );
}
