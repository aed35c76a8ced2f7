import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { callQualityPath } from '../analytics';
import { formatRelative } from '../ui/format';
import { formatDuration, type CallRecordItem } from './callMessages';
import { callApi } from '../app/calls';
import { useRoomJoined } from './hooks';

export const callKeys = {
  history: (roomId: string) => ['calls', roomId] as const,
};

function Entry({ call }: { call: CallRecordItem }) {
  const duration =
    call.durationSeconds !== null
      ? formatDuration(call.durationSeconds)
      : call.endedAt
        ? ''
        : 'in progress';
  return (
    <li className="call-record">
      <span className="call-record-when">
        <time dateTime={call.startedAt}>{formatRelative(call.startedAt)}</time>
        {duration && <span> · {duration}</span>}
        <span>
          {' · '}
          <Link to={callQualityPath(call.roomId, call.id)}>Quality</Link>
        </span>
      </span>
      <ul className="call-record-people" aria-label="Participants">
        {call.participants.map((p) => (
          <li key={`${p.user.id}-${p.joinedAt}`}>
            {p.user.username}
            <span className={`quality-text quality-${p.quality.rating}`}>
              {' '}
              (quality {p.quality.rating === 'unknown' ? 'not measured' : p.quality.rating})
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Past calls of the room: when, how long, who, and how the connection was. */
export function CallHistory({ roomId }: { roomId: string }) {
  const joined = useRoomJoined(roomId);
  const history = useQuery({
    queryKey: callKeys.history(roomId),
    queryFn: () => callApi.listCalls(roomId),
    // A first visit makes us a member when the room is joined; before that the list is refused.
    enabled: joined,
    refetchInterval: 30_000,
  });
  const items = history.data?.items.slice(0, 3) ?? [];
  if (items.length === 0) return null;
  return (
    <section className="call-history" aria-labelledby={`call-history-${roomId}`}>
      <h2 id={`call-history-${roomId}`} className="side-title">
        Recent calls
      </h2>
      <ul className="call-record-list">
        {items.map((call) => (
          <Entry key={call.id} call={call} />
        ))}
      </ul>
    </section>
  );
}
