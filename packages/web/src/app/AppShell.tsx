import { Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useSession } from '../auth';
import { NotificationsToggle } from './NotificationsToggle';
import { connection } from './realtime';
import { session } from './services';
import { useStore } from '../lib/useStore';
import { ConnectionStatus } from '../ui/ConnectionStatus';
import { Splash } from '../ui/Splash';
import './app.css';

/** The signed-in frame: brand, navigation, connection state, account. */
export default function AppShell() {
  const state = useSession();
  const status = useStore(connection);
  const navigate = useNavigate();
  const username = state.status === 'signedIn' ? state.user.username : '';
  const isAdmin = state.status === 'signedIn' && state.user.isAdmin;
  const guestOf = state.status === 'signedIn' ? state.user.guestOf : undefined;

  // A guest who leaves ends their guest session: it is for one visit to one room.
  const signOut = () => {
    void session
      .logout()
      .then(() => navigate('/signin', { replace: true, state: { guestLeft: Boolean(guestOf) } }));
  };

  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="MiniMeet home">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>MiniMeet</span>
        </Link>
        <nav className="nav" aria-label="Main">
          {guestOf ? (
            <NavLink to={`/rooms/${guestOf.roomId}`}>Room</NavLink>
          ) : (
            <NavLink to="/" end>
              Rooms
            </NavLink>
          )}
          <NavLink to="/search">Search</NavLink>
          {!guestOf && <NavLink to="/account">Account</NavLink>}
          {isAdmin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <ConnectionStatus status={status} />
        <div className="account">
          <NotificationsToggle />
          <span className="account-name" title={guestOf ? 'Guest' : 'Signed in as'}>
            {username}
            {guestOf && <span className="tag-guest">guest</span>}
          </span>
          <button type="button" className="btn btn-ghost btn-small" onClick={signOut}>
            {guestOf ? 'Leave' : 'Sign out'}
          </button>
        </div>
      </header>
      <div className="app-main">
        <Suspense fallback={<Splash text="Loading…" />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
