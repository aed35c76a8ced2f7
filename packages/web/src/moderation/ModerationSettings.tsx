import type { ModerationLogEntry } from '@minimeet/contract';
import { describeError } from '../lib/errors';
import { formatFull } from '../ui/format';
import { useBans, useModerationLog, useUnban } from './queries';

const MEDIA = { audio: 'microphone', video: 'camera', screen: 'screen share' } as const;

/** One log line in words: "alice muted bob's microphone (blocked)". */
export function describeEntry(e: ModerationLogEntry): string {
  const target = e.target?.username ?? 'someone';
  const media = e.details.kind ? MEDIA[e.details.kind] : 'media';
  switch (e.action) {
    case 'mute':
      return `turned off ${target}’s ${media}${e.details.block ? ' and blocked it' : ''}`;
    case 'unblock':
      return `allowed ${target}’s ${media} again`;
    case 'remove':
      return `removed ${target} from the room`;
    case 'ban':
      return `removed and banned ${target}`;
    case 'unban':
      return `unbanned ${target}`;
    case 'endCall':
      return 'ended the call for everyone';
    case 'deleteMessage':
      return `deleted a message by ${target}`;
  }
}

/** Who is banned (with unban), for the owner and moderators. */
export function BansSection({ roomId }: { roomId: string }) {
  const bans = useBans(roomId);
  const unban = useUnban(roomId);
  return (
    <section className="card settings-section" aria-labelledby="bans-title">
      <h2 id="bans-title">Banned people</h2>
      {bans.isError && <p className="muted">{describeError(bans.error)}</p>}
      {bans.data?.items.length === 0 && <p className="muted">Nobody is banned.</p>}
      <ul className="settings-members">
        {bans.data?.items.map((b) => (
          <li key={b.user.id}>
            <span className="settings-member-name">{b.user.username}</span>
            <span className="muted">by {b.bannedBy.username}</span>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={unban.isPending}
              onClick={() => unban.mutate(b.user.id)}
            >
              Unban {b.user.username}
            </button>
          </li>
        ))}
      </ul>
      {unban.isError && (
        <p className="note note-error" role="alert">
          {describeError(unban.error, 'settings')}
        </p>
      )}
    </section>
  );
}

/** Every moderator action in the room, newest first. */
export function ModerationLogSection({ roomId }: { roomId: string }) {
  const log = useModerationLog(roomId);
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card settings-section" aria-labelledby="moderation-log-title">
      <h2 id="moderation-log-title">Moderation log</h2>
      {log.isError && <p className="muted">{describeError(log.error)}</p>}
      {log.isSuccess && entries.length === 0 && <p className="muted">No moderator actions yet.</p>}
      <ul className="moderation-log" aria-label="Moderation log entries">
        {entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.createdAt}>{formatFull(e.createdAt)}</time>{' '}
            <strong>{e.actor.username}</strong> {describeEntry(e)}
          </li>
        ))}
      </ul>
      {log.hasNextPage && (
        <button
          type="button"
          className="btn btn-small"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          Show older
        </button>
      )}
    </section>
  );
}
