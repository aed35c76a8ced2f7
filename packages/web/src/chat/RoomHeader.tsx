import { Link } from 'react-router-dom';
import { roomAnalyticsPath } from '../analytics';
import { CopyInviteButton } from './CopyInviteButton';

export function RoomHeader({
  roomId,
  name,
  isOwner,
}: {
  roomId: string;
  name: string | null;
  /** The owner sees the room's analytics. */
  isOwner: boolean;
}) {
  return (
    <header className="room-header">
      <Link to="/" className="room-back" aria-label="Back to rooms">
        ←
      </Link>
      <h1 className="room-title">{name ?? 'Joining room…'}</h1>
      <div className="room-actions">
        <CopyInviteButton roomId={roomId} />
        <Link
          className="btn btn-small btn-ghost"
          to={`/search?roomId=${encodeURIComponent(roomId)}`}
        >
          Search this room
        </Link>
        {isOwner && (
          <Link className="btn btn-small btn-ghost" to={roomAnalyticsPath(roomId)}>
            Analytics
          </Link>
        )}
      </div>
    </header>
  );
}
