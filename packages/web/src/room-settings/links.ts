/** Where a room's settings page and its invite link live. */
export const settingsPath = (roomId: string): string =>
  `/rooms/${encodeURIComponent(roomId)}/settings`;

/** The invite link of a room: `/join/<inviteToken>` on this site. */
export const inviteLink = (inviteToken: string): string =>
  `${window.location.origin}/join/${encodeURIComponent(inviteToken)}`;
