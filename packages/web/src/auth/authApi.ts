import type {
  AuthResponse,
  GuestInvitePreview,
  GuestJoinRequest,
  LoginRequest,
  RegisterRequest,
} from '@minimeet/contract';
import type { HttpClient } from '../lib/http';

/** The auth endpoints. The refresh token travels only as the httpOnly cookie. */
export interface AuthApi {
  register: (body: RegisterRequest) => Promise<AuthResponse>;
  login: (body: LoginRequest) => Promise<AuthResponse>;
  /** A new access token from the refresh cookie; null when the browser holds no session (204). */
  refresh: () => Promise<AuthResponse | null>;
  logout: (accessToken: string | null) => Promise<void>;
  /** Starts a guest session for one room's link (no account). */
  guest: (body: GuestJoinRequest) => Promise<AuthResponse>;
  /** What a signed-out visitor of `/join/<token>` sees; no session needed. */
  guestPreview: (token: string) => Promise<GuestInvitePreview>;
}

export function createAuthApi(http: HttpClient): AuthApi {
  return {
    register: (body) =>
      http.request<AuthResponse>({ method: 'POST', path: '/auth/register', body }),
    login: (body) => http.request<AuthResponse>({ method: 'POST', path: '/auth/login', body }),
    refresh: async () =>
      (await http.request<AuthResponse | undefined>({ method: 'POST', path: '/auth/refresh' })) ??
      null,
    logout: (token) => http.request<void>({ method: 'POST', path: '/auth/logout', token }),
    guest: (body) => http.request<AuthResponse>({ method: 'POST', path: '/auth/guest', body }),
    guestPreview: (token) =>
      http.request<GuestInvitePreview>({
        method: 'GET',
        path: `/auth/guest/${encodeURIComponent(token)}`,
      }),
  };
}
