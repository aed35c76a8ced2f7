import type { RoomDetail } from '@minimeet/contract';
import { Link } from 'react-router-dom';
import { roomAnalyticsPath } from '../analytics';
import { settingsPath } from '../room-settings';
import { CopyInviteButton } from './CopyInviteButton';

export function RoomHeader({ roomId, room }: { roomId: string; room: RoomDetail | null }) {
  const name = room?.name ?? null;
  return (
    <header className="room-header">
      <Link to="/" className="room-back" aria-label="Back to rooms">
        ←
      </Link>
      <h1 className="room-title">{name ?? 'Joining room…'}</h1>
      <div className="room-actions">
        {room && <CopyInviteButton inviteToken={room.inviteToken} />}
        {room && (
          <Link className="btn btn-small btn-ghost" to={settingsPath(roomId)}>
            {room.role === 'member' ? 'Members' : 'Settings'}
          </Link>
        )}
        <Link
          className="btn btn-small btn-ghost"
          to={`/search?roomId=${encodeURIComponent(roomId)}`}
        >
          Search this room
        </Link>
        {room && room.role !== 'member' && (
          <Link className="btn btn-small btn-ghost" to={roomAnalyticsPath(roomId)}>
            Analytics
          </Link>
        )}
      </div>
    </header>
  );
}
