/** REST payload types of the account endpoints (under /api/auth, signed in). */

/** How every deleted account is shown, as the author of the messages it left behind. */
export const DELETED_USER_NAME = 'Deleted user';

/** `POST /auth/password`: answers 204; every other session of the account is signed out. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `DELETE /auth/me`: answers 204; the account is anonymised and every session ends. */
export interface DeleteAccountRequest {
  password: string;
}

/** One sign-in session (a browser or app that signed in), as its owner sees it. */
export interface AuthSession {
  id: string;
  /** A readable label of the browser and system, e.g. "Firefox on Linux". */
  device: string;
  /** The address it signed in or last refreshed from. */
  ip: string;
  createdAt: string;
  /** Sign-in or the last token refresh. */
  lastSeenAt: string;
  /** True for the session the request was made from. */
  current: boolean;
}

/** `GET /auth/sessions`: the live sessions, most recently seen first. `DELETE /auth/sessions/:id` ends one. */
export interface SessionListResponse {
  items: AuthSession[];
}
