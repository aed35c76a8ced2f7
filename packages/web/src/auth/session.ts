import type {
  AuthResponse,
  GuestJoinRequest,
  LoginRequest,
  RegisterRequest,
  SelfUser,
} from '@minimeet/contract';
import type { AuthApi } from './authApi';
import { AppError } from '../lib/errors';
import { createStore, type ReadableStore } from '../lib/store';

export type SessionState =
  | { status: 'loading' }
  /** `expired`: the session ended by itself (not by signing out). */
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; user: SelfUser; accessToken: string };

export interface SessionDeps {
  auth: AuthApi;
  /** Serialises refreshes across tabs, so two tabs never spend the same refresh cookie. */
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  /** Waits before retrying the first refresh when the server cannot be reached. */
  wait?: (ms: number) => Promise<void>;
}

export interface Session extends ReadableStore<SessionState> {
  /** Restores the session from the refresh cookie; retries while the server is unreachable. */
  init: () => Promise<void>;
  login: (body: LoginRequest) => Promise<SelfUser>;
  register: (body: RegisterRequest) => Promise<SelfUser>;
  /** Joins one room's link as a guest (a name, no account). */
  joinAsGuest: (body: GuestJoinRequest) => Promise<SelfUser>;
  logout: () => Promise<void>;
  /** A fresh access token, or null when the session is over. Concurrent calls share one request. */
  refresh: () => Promise<string | null>;
  getAccessToken: () => string | null;
  getUser: () => SelfUser | null;
}

const REFRESH_LOCK = 'minimeet-refresh';

function browserLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return task();
  return locks.request(name, task) as Promise<T>;
}

const defaultWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSession({
  auth,
  withLock = browserLock,
  wait = defaultWait,
}: SessionDeps): Session {
  const store = createStore<SessionState>({ status: 'loading' });
  let inflight: Promise<string | null> | null = null;
  /** Bumped by sign-in / sign-out so a refresh that started before cannot overwrite them. */
  let epoch = 0;

  const apply = (res: AuthResponse): SelfUser => {
    store.setState({ status: 'signedIn', user: res.user, accessToken: res.accessToken });
    return res.user;
  };

  async function doRefresh(): Promise<string | null> {
    const started = epoch;
    try {
      const res = await withLock(REFRESH_LOCK, () => auth.refresh());
      if (started !== epoch) return getAccessToken();
      if (res === null) {
        // No session in this browser (a first visit): signed out, nothing expired.
        const wasSignedIn = store.getState().status === 'signedIn';
        store.setState({ status: 'signedOut', expired: wasSignedIn });
        return null;
      }
      apply(res);
      return res.accessToken;
    } catch (error) {
      if (error instanceof AppError && error.status === 401) {
        if (started === epoch) {
          const wasSignedIn = store.getState().status === 'signedIn';
          store.setState({ status: 'signedOut', expired: wasSignedIn });
        }
        return started === epoch ? null : getAccessToken();
      }
      throw error;
    }
  }

  function refresh(): Promise<string | null> {
    inflight ??= doRefresh().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  function getAccessToken(): string | null {
    const state = store.getState();
    return state.status === 'signedIn' ? state.accessToken : null;
  }

  async function init(): Promise<void> {
    for (let attempt = 0; store.getState().status === 'loading'; attempt += 1) {
      try {
        await refresh();
        return;
      } catch {
        await wait(Math.min(1000 * 2 ** attempt, 10_000));
      }
    }
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    init,
    refresh,
    getAccessToken,
    getUser: () => {
      const state = store.getState();
      return state.status === 'signedIn' ? state.user : null;
    },
    login: async (body) => {
      const res = await auth.login(body);
      epoch += 1;
      return apply(res);
    },
    register: async (body) => {
      const res = await auth.register(body);
      epoch += 1;
      return apply(res);
    },
    joinAsGuest: async (body) => {
      const res = await auth.guest(body);
      epoch += 1;
      return apply(res);
    },
    logout: async () => {
      const token = getAccessToken();
      epoch += 1;
      try {
        await auth.logout(token);
      } catch {
        // Signing out locally still matters when the server cannot be told.
      }
      store.setState({ status: 'signedOut', expired: false });
    },
  };
}
