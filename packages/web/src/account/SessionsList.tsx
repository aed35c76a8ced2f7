import type { AuthSession } from '@minimeet/contract';
import { ErrorNote } from '../ui/ErrorNote';
import { formatFull, formatRelative } from '../ui/format';
import { useRevokeSession, useSessions } from './queries';

/** Where the account is signed in; any other session can be signed out from here. */
export function SessionsList() {
  const sessions = useSessions();
  const revoke = useRevokeSession();

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      {sessions.isPending && <p className="muted">Loading…</p>}
      {sessions.isError && (
        <ErrorNote error={sessions.error} onRetry={() => void sessions.refetch()} />
      )}
      {revoke.isError && <ErrorNote error={revoke.error} />}
      {sessions.data && (
        <ul className="sessions">
          {sessions.data.items.map((s) => (
            <SessionItem
              key={s.id}
              session={s}
              busy={revoke.isPending && revoke.variables === s.id}
              onSignOut={() => revoke.mutate(s.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({
  session,
  busy,
  onSignOut,
}: {
  session: AuthSession;
  busy: boolean;
  onSignOut: () => void;
}) {
  return (
    <li className="session">
      <div>
        <p className="session-device">
          {session.device}
          {session.current && <span className="session-current">This device</span>}
        </p>
        <p className="muted session-meta">
          {session.ip} · last active{' '}
          <time dateTime={session.lastSeenAt} title={formatFull(session.lastSeenAt)}>
            {formatRelative(session.lastSeenAt)}
          </time>{' '}
          · signed in{' '}
          <time dateTime={session.createdAt} title={formatFull(session.createdAt)}>
            {formatRelative(session.createdAt)}
          </time>
        </p>
      </div>
      {!session.current && (
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={onSignOut}
          aria-label={`Sign out ${session.device}, ${session.ip}`}
        >
          Sign out
        </button>
      )}
    </li>
  );
}
