import type { ModeratedMedia } from '@minimeet/contract';
import { useState } from 'react';
import { connection } from '../app/realtime';
import { useModerationAction } from './useModerationAction';

const MEDIA_ACTIONS: { kind: ModeratedMedia; label: string; allow: string }[] = [
  { kind: 'audio', label: 'Mute', allow: 'Allow microphone for' },
  { kind: 'video', label: 'Stop camera of', allow: 'Allow camera for' },
  { kind: 'screen', label: 'Stop screen share of', allow: 'Allow screen share for' },
];

/** A moderator's menu on someone's tile: turn their media off (and block it), remove, ban. */
export function ParticipantMenu({
  roomId,
  userId,
  name,
}: {
  roomId: string;
  userId: string;
  name: string;
}) {
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useModerationAction();
  const close = () => setOpen(false);
  const mute = (kind: ModeratedMedia, block: boolean) =>
    run(() => connection.request('muteMedia', { roomId, userId, kind, block }), close);
  const unblock = (kind: ModeratedMedia) =>
    run(() => connection.request('unblockMedia', { roomId, userId, kind }), close);
  const remove = (ban: boolean) =>
    run(() => connection.request('removeMember', { roomId, userId, ban }), close);
  return (
    <div className="moderation-menu">
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Moderate {name}
      </button>
      {open && (
        <div className="moderation-menu-items" role="group" aria-label={`Moderate ${name}`}>
          {MEDIA_ACTIONS.map(({ kind, label }) => (
            <span key={kind} className="moderation-menu-row">
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => mute(kind, false)}
              >
                {label} {name}
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => mute(kind, true)}
              >
                {label} {name} and block
              </button>
            </span>
          ))}
          {MEDIA_ACTIONS.map(({ kind, allow }) => (
            <button
              key={kind}
              type="button"
              className="btn btn-small btn-ghost"
              disabled={busy}
              onClick={() => unblock(kind)}
            >
              {allow} {name}
            </button>
          ))}
          <button
            type="button"
            className="btn btn-small btn-danger"
            disabled={busy}
            onClick={() => remove(false)}
          >
            Remove {name} from room
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger"
            disabled={busy}
            onClick={() => remove(true)}
          >
            Remove and ban {name}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="call-notice">
          {error}
        </p>
      )}
    </div>
  );
}
