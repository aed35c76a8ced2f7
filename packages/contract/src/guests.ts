/** Guests: people without an account who join one room by its link with a name only. */

/** A guest's display name: 1-32 letters, digits, spaces and . _ ' - after trimming. */
export const GUEST_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,31}$/u;
/** How long a guest session lasts at most, seconds (it also ends when the guest leaves). */
export const GUEST_SESSION_SECONDS = 86_400;

/** `POST /guests`: answered like a sign-in (`AuthResponse` and the refresh cookie). */
export interface GuestJoinRequest {
  inviteToken: string;
  displayName: string;
}

/** `GET /guests/invites/:token` (no sign-in needed): what the signed-out join page shows. */
export interface GuestInvitePreview {
  name: string;
  /** False: the room's owner turned guest access off; the page asks to sign in. */
  allowGuests: boolean;
}
