import { Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Splash } from '../ui/Splash';
import { useSession } from './useSession';

/** Signed-out visitors go to sign-in, with the page they wanted as `next`. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'signedOut') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace state={{ expired: state.expired }} />;
  }
  return <Suspense fallback={<Splash />}>{children}</Suspense>;
}
