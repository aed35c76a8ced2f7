import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../app/services';
import { ErrorNote } from '../ui/ErrorNote';
import { Splash } from '../ui/Splash';
import { useKnock } from './useKnock';
import './lobby.css';

/**
 * `/join/:token`: the invite link. Members and anyone invited to an open room go straight in;
 * in a lobby room the person asks to join and waits to be let in; a locked room says so.
 */
export default function JoinPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const preview = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.invitePreview(token),
    staleTime: 0,
  });
  const room = preview.data;
  const { state, knock, connected } = useKnock(token, room);
  const goIn = room?.member || (room?.accessMode === 'open' && state.status === 'idle');

  useEffect(() => {
    if (room?.member) void navigate(`/rooms/${room.roomId}`, { replace: true });
    else if (goIn && connected) knock();
  }, [room, goIn, connected, knock, navigate]);

  useEffect(() => {
    if (state.status === 'admitted') void navigate(`/rooms/${state.roomId}`, { replace: true });
  }, [state, navigate]);

  if (preview.isError) return <JoinProblem error={preview.error} />;
  if (!room || goIn || state.status === 'knocking' || state.status === 'admitted')
    return <Splash text="Opening the room…" />;
  if (state.status === 'error') return <JoinProblem error={state.error} />;
  if (room.accessMode === 'locked')
    return (
      <div className="page narrow lobby">
        <h1>{room.name}</h1>
        <p className="note note-error" role="alert">
          This room is locked
        </p>
        <p className="muted">It takes no new members right now. Ask its owner to open it.</p>
        <BackLink />
      </div>
    );

  return (
    <div className="page narrow lobby">
      <h1>{room.name}</h1>
      {room.description && <p className="lobby-description">{room.description}</p>}
      {state.status === 'waiting' ? (
        <div className="card lobby-waiting" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <h2>Waiting to be let in</h2>
          <p className="muted">Someone in the room will let you in soon.</p>
          <button type="button" className="btn btn-ghost" onClick={() => void navigate('/')}>
            Stop waiting
          </button>
        </div>
      ) : state.status === 'denied' ? (
        <div className="card" role="alert">
          <h2>You were not let in</h2>
          <p className="muted">A moderator of this room declined your request to join.</p>
          <BackLink />
        </div>
      ) : (
        <div className="card lobby-ask">
          <p>A moderator lets people into this room.</p>
          <button type="button" className="btn btn-primary" disabled={!connected} onClick={knock}>
            Ask to join
          </button>
        </div>
      )}
    </div>
  );
}

function JoinProblem({ error }: { error: unknown }) {
  return (
    <div className="page narrow">
      <h1>Cannot join this room</h1>
      <ErrorNote error={error} context="invite" />
      <BackLink />
    </div>
  );
}

function BackLink() {
  return (
    <p>
      <Link to="/">Back to your rooms</Link>
    </p>
  );
}
