import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useRooms } from '../rooms';
import { ErrorNote } from '../ui/ErrorNote';
import { formatRelative } from '../ui/format';
import { useMessageSearch } from './queries';
import { Snippet } from './Snippet';
import './search.css';

const DEBOUNCE_MS = 300;

export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const roomId = params.get('roomId');
  const from = params.get('from') ?? '';
  const after = params.get('after') ?? '';
  const before = params.get('before') ?? '';
  const [draft, setDraft] = useState(q);
  const rooms = useRooms();
  const search = useMessageSearch({
    q,
    roomId: roomId ?? undefined,
    from: from || undefined,
    after: dayStart(after),
    before: dayStart(before, 1),
  });
  const inputId = useId();
  const scopeId = useId();
  const fromId = useId();
  const afterId = useId();
  const beforeId = useId();

  const apply = useCallback(
    (nextQ: string, nextRoom: string | null, change: Record<string, string> = {}) => {
      const next = new URLSearchParams(params);
      next.delete('q');
      next.delete('roomId');
      if (nextQ.trim()) next.set('q', nextQ.trim());
      if (nextRoom) next.set('roomId', nextRoom);
      for (const [key, value] of Object.entries(change)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      setParams(next, { replace: true });
    },
    [params, setParams],
  );

  // Search as you type, once typing pauses.
  useEffect(() => {
    if (draft.trim() === q) return;
    const timer = setTimeout(() => apply(draft, roomId), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, q, roomId, apply]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft, roomId);
  };

  const roomName = rooms.data?.items.find((r) => r.id === roomId)?.name;
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page">
      <h1>Search</h1>
      <form role="search" className="search-form" onSubmit={onSubmit}>
        <div className="field search-field">
          <label htmlFor={inputId}>Search messages</label>
          <input
            id={inputId}
            type="search"
            autoFocus
            value={draft}
            placeholder="Words to find"
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <div className="field search-scope">
          <label htmlFor={scopeId}>Search in</label>
          <select
            id={scopeId}
            value={roomId ?? ''}
            onChange={(event) => apply(draft, event.target.value || null)}
          >
            <option value="">All rooms</option>
            {roomId && !roomName && <option value={roomId}>This room</option>}
            {rooms.data?.items.map((room) => (
              <option key={room.id} value={room.id}>
                {room.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field search-filter">
          <label htmlFor={fromId}>From</label>
          <input
            id={fromId}
            value={from}
            placeholder="Username"
            onChange={(event) => apply(draft, roomId, { from: event.target.value.trim() })}
          />
        </div>
        <div className="field search-filter">
          <label htmlFor={afterId}>After</label>
          <input
            id={afterId}
            type="date"
            value={after}
            onChange={(event) => apply(draft, roomId, { after: event.target.value })}
          />
        </div>
        <div className="field search-filter">
          <label htmlFor={beforeId}>Before</label>
          <input
            id={beforeId}
            type="date"
            value={before}
            onChange={(event) => apply(draft, roomId, { before: event.target.value })}
          />
        </div>
      </form>

      {search.isError && (
        <ErrorNote error={search.error} context="search" onRetry={() => void search.refetch()} />
      )}
      {q && search.isPending && <p className="muted">Searching…</p>}
      {q && search.isSuccess && items.length === 0 && (
        <p className="muted">
          No messages match “{q}”{roomName ? ` in ${roomName}` : ''}.
        </p>
      )}
      {!q && (
        <p className="muted">
          Find any message in your rooms. Results open the room at that message.
        </p>
      )}
      {items.length > 0 && (
        <ol className="results" aria-label="Search results" aria-busy={search.isFetching}>
          {items.map((result) => (
            <li key={result.message.id}>
              <Link
                className="result"
                to={`/rooms/${encodeURIComponent(result.room.id)}?message=${encodeURIComponent(result.message.id)}`}
              >
                <span className="result-meta">
                  <span className="result-room">{result.room.name}</span>
                  <span>{result.message.sender.username}</span>
                  <time dateTime={result.message.createdAt}>
                    {formatRelative(result.message.createdAt)}
                  </time>
                </span>
                <span className="result-snippet">
                  <Snippet parts={result.snippet} fallback={result.message.content} />
                </span>
              </Link>
            </li>
          ))}
        </ol>
      )}
      {search.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={search.isFetchingNextPage}
          onClick={() => void search.fetchNextPage()}
        >
          {search.isFetchingNextPage ? 'Loading…' : 'More results'}
        </button>
      )}
    </div>
  );
}

/** The start of a picked day (plus `days`) in local time, as an ISO date-time; undefined if none. */
function dayStart(day: string, days = 0): string | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + days).toISOString();
}
