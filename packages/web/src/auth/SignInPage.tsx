import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { ErrorCode } from '@minimeet/contract';
import { AppError, describeError } from '../lib/errors';
import { safeNextPath } from '../lib/safeRedirect';
import { session } from '../app/services';
import { Field } from '../ui/Field';
import { GuestJoinCard, inviteTokenOf } from '../guests';
import { AuthLayout } from './AuthLayout';
import { useSession } from './useSession';

export function SignInPage() {
  const state = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const routeState = location.state as { expired?: boolean; guestLeft?: boolean } | null;
  const expired = routeState?.expired === true;
  const guestLeft = routeState?.guestLeft === true;
  const joinToken = inviteTokenOf(next);

  if (state.status === 'signedIn') return <Navigate to={next} replace />;

  async function submit() {
    if (!login.trim() || !password) {
      setError(new AppError(ErrorCode.VALIDATION));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await session.login({ login: login.trim(), password });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const registerLink = next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`;

  return (
    <AuthLayout
      title="Sign in"
      footer={
        <>
          New to MiniMeet? <Link to={registerLink}>Create an account</Link>
        </>
      }
    >
      {guestLeft && (
        <p className="note" role="status">
          You left the room. Your guest session has ended.
        </p>
      )}
      {joinToken && !guestLeft && <GuestJoinCard token={joinToken} />}
      {expired && !error && <p className="note">Your session has ended. Please sign in again.</p>}
      {next !== '/' && !expired && !error && !guestLeft && !joinToken && (
        <p className="note">Sign in to open the room you were invited to.</p>
      )}
      {error !== null && (
        <p className="note note-error" role="alert">
          {describeError(error, 'signIn')}
        </p>
      )}
      <form onSubmit={onSubmit} className="form" noValidate>
        <Field
          label="Username"
          hint="Your email address works too."
          name="login"
          autoFocus={!joinToken}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={login}
          onChange={(e) => setLogin(e.target.value)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
