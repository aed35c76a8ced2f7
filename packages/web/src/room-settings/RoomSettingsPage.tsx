import { Link, useParams } from 'react-router-dom';
import { ErrorNote } from '../ui/ErrorNote';
import { BansSection, ModerationLogSection } from '../moderation';
import { Splash } from '../ui/Splash';
import { DeleteSection } from './DeleteSection';
import { GeneralForm } from './GeneralForm';
import { InviteSection } from './InviteSection';
import { MembersSection } from './MembersSection';
import { useRoomDetail } from './queries';
import './settings.css';

/** `/rooms/:roomId/settings`: what the owner and moderators may change, and who is a member. */
export default function RoomSettingsPage() {
  const { roomId = '' } = useParams();
  const detail = useRoomDetail(roomId);
  const room = detail.data;
  const back = (
    <Link to={`/rooms/${encodeURIComponent(roomId)}`} className="settings-back">
      ← Back to the room
    </Link>
  );

  if (detail.isPending) return <Splash text="Loading the room…" />;
  if (detail.isError)
    return (
      <div className="page narrow">
        <ErrorNote error={detail.error} context="settings" />
        {back}
      </div>
    );
  if (!room)
    return (
      <div className="page narrow">
        <p className="note note-error" role="alert">
          You are not a member of this room.
        </p>
      </div>
    );

  const canModerate = room.role === 'owner' || room.role === 'moderator';
  return (
    <div className="page settings-page">
      {back}
      <h1>Room settings</h1>
      {canModerate ? (
        <GeneralForm key={room.id} room={room} />
      ) : (
        <p className="muted">Only the owner and moderators can change this room’s settings.</p>
      )}
      <InviteSection room={room} />
      <MembersSection room={room} />
      {canModerate && <BansSection roomId={room.id} />}
      {canModerate && <ModerationLogSection roomId={room.id} />}
      {room.role === 'owner' && <DeleteSection roomId={room.id} name={room.name} />}
    </div>
  );
}
