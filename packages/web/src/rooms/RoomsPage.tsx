import type { RoomSummary } from '@minimeet/contract';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { unread } from '../app/realtime';
import { useStore } from '../lib/useStore';
import { ErrorNote } from '../ui/ErrorNote';
import { formatRelative } from '../ui/format';
import { NewRoomForm } from './NewRoomForm';
import { useRooms } from './queries';
import { badgeText } from './unread';
import './rooms.css';

function UnreadBadge({ roomId }: { roomId: string }) {
  const counts = useStore(unread)[roomId];
  if (!counts || counts.unread === 0) return null;
  const label = `${counts.unread} unread${counts.mentions > 0 ? `, ${counts.mentions} mentioning you` : ''}`;
  return (
    <span
      className={counts.mentions > 0 ? 'unread-badge mention' : 'unread-badge'}
      aria-label={label}
      title={label}
      data-testid="unread-badge"
    >
      {counts.mentions > 0 && '@ '}
      {badgeText(counts.unread)}
    </span>
  );
}

function RoomRow({ room }: { room: RoomSummary }) {
  const activity = room.lastMessageAt
    ? `active ${formatRelative(room.lastMessageAt)}`
    : 'no messages yet';
  return (
    <li>
      <Link to={`/rooms/${room.id}`} className="room-row">
        <span className="room-avatar" aria-hidden="true">
          {room.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="room-row-text">
          <span className="room-row-name">
            {room.name}
            <UnreadBadge roomId={room.id} />
          </span>
          <span className="room-row-meta">
            <span
              className={room.onlineCount > 0 ? 'online-dot' : 'online-dot off'}
              aria-hidden="true"
            />
            {room.onlineCount} online · {activity}
            {room.inCallCount > 0 && (
              <span className="room-call-badge">
                {' · '}
                In call: {room.inCallCount}
              </span>
            )}
          </span>
        </span>
      </Link>
    </li>
  );
}

export default function RoomsPage() {
  const rooms = useRooms();
  const [creating, setCreating] = useState(false);
  const items = rooms.data?.items;
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  useEffect(() => {
    if (items) unread.seed(items);
  }, [items]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Your rooms</h1>
        {!creating && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New room
          </button>
        )}
      </div>
      {notice && (
        <p className="note" role="status">
          {notice}
        </p>
      )}
      {creating && <NewRoomForm onCancel={() => setCreating(false)} />}
      {rooms.isPending && <p className="muted">Loading your rooms…</p>}
      {rooms.isError && <ErrorNote error={rooms.error} onRetry={() => void rooms.refetch()} />}
      {items && items.length === 0 && !creating && (
        <div className="empty card">
          <p>
            <strong>No rooms yet.</strong>
          </p>
          <p className="muted">
            Create a room, then share its invite link: anyone with the link can join.
          </p>
        </div>
      )}
      {items && items.length > 0 && (
        <ul className="room-list" aria-label="Rooms">
          {items.map((room) => (
            <RoomRow key={room.id} room={room} />
          ))}
        </ul>
      )}
      {rooms.hasNextPage && (
        <button
          type="button"
          className="btn"
          disabled={rooms.isFetchingNextPage}
          onClick={() => void rooms.fetchNextPage()}
        >
          {rooms.isFetchingNextPage ? 'Loading…' : 'Show more rooms'}
        </button>
      )}
    </div>
  );
}
