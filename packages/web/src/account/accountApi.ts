import type {
  ChangePasswordRequest,
  DeleteAccountRequest,
  SessionListResponse,
} from '@minimeet/contract';
import { createAuthedRequest, type ApiDeps } from '../lib/api';

/** The signed-in user's own account: sessions, password, deletion. */
export function createAccountApi(deps: ApiDeps) {
  const authed = createAuthedRequest(deps);
  return {
    listSessions: () => authed<SessionListResponse>({ method: 'GET', path: '/auth/sessions' }),
    revokeSession: (id: string) =>
      authed<void>({ method: 'DELETE', path: `/auth/sessions/${encodeURIComponent(id)}` }),
    changePassword: (body: ChangePasswordRequest) =>
      authed<void>({ method: 'POST', path: '/auth/password', body }),
    deleteAccount: (body: DeleteAccountRequest) =>
      authed<void>({ method: 'DELETE', path: '/auth/me', body }),
  };
}
