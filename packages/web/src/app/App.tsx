import { QueryClientProvider } from '@tanstack/react-query';
import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { AdminPage, CallQualityPage, RoomAnalyticsPage } from '../analytics';
import { RegisterPage } from '../auth/RegisterPage';
import { RequireAuth } from '../auth/RequireAuth';
import { SignInPage } from '../auth/SignInPage';
import { queryClient } from './services';
import { NotFoundPage } from '../ui/NotFoundPage';

// Everything behind sign-in is loaded on demand: the sign-in page stays small.
const AppShell = lazy(() => import('./AppShell'));
const RoomsPage = lazy(() => import('../rooms/RoomsPage'));
const RoomPage = lazy(() => import('../chat/RoomPage'));
const SearchPage = lazy(() => import('../search/SearchPage'));
const AccountPage = lazy(() => import('../account').then((m) => ({ default: m.AccountPage })));
const JoinPage = lazy(() => import('../lobby/JoinPage'));
const RoomSettingsPage = lazy(() => import('../room-settings/RoomSettingsPage'));

const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage /> },
  { path: '/register', element: <RegisterPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <RoomsPage /> },
      { path: 'rooms/:roomId', element: <RoomPage /> },
      { path: 'rooms/:roomId/analytics', element: <RoomAnalyticsPage /> },
      { path: 'rooms/:roomId/calls/:callId/quality', element: <CallQualityPage /> },
      { path: 'admin', element: <AdminPage /> },
      { path: 'rooms/:roomId/settings', element: <RoomSettingsPage /> },
      { path: 'join/:token', element: <JoinPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
