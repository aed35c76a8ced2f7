import { useEffect, useState } from 'react';
import { inviteLink } from '../room-settings';

type CopyState = 'idle' | 'copied' | 'manual';

/** Copies the invite link; where the clipboard is unavailable, shows the link to copy by hand. */
export function CopyInviteButton({ inviteToken }: { inviteToken: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const link = inviteLink(inviteToken);

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    if (!navigator.clipboard) {
      setState('manual');
      return;
    }
    navigator.clipboard.writeText(link).then(
      () => setState('copied'),
      () => setState('manual'),
    );
  };

  return (
    <div className="invite">
      <button type="button" className="btn btn-small" onClick={copy}>
        Copy invite link
      </button>
      <span className="invite-feedback" aria-live="polite">
        {state === 'copied' ? 'Link copied' : ''}
      </span>
      {state === 'manual' && (
        <input
          className="invite-input"
          readOnly
          aria-label="Invite link"
          value={link}
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}
