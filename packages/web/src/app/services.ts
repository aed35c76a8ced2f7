import { QueryClient } from '@tanstack/react-query';
import { createApi } from '../lib/api';
import { createAuthApi } from '../auth/authApi';
import { AppError, isTransient } from '../lib/errors';
import { createHttpClient } from '../lib/http';
import { createSession } from '../auth/session';

/** App-wide singletons that the sign-in page needs too (the realtime ones live in realtime.ts). */
const http = createHttpClient((input, init) => fetch(input, init));

export const authApi = createAuthApi(http);
export const session = createSession({ auth: authApi });

export const api = createApi({
  http,
  getToken: session.getAccessToken,
  refresh: session.refresh,
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (failureCount, error) =>
        failureCount < 2 && (!(error instanceof AppError) || isTransient(error.code)),
    },
    mutations: { retry: false },
  },
});

session.subscribe(() => {
  if (session.getState().status === 'signedOut') queryClient.clear();
});

void session.init();
