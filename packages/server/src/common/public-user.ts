import type { PublicUser } from '@minimeet/contract';

/** A user as others see them (from a user row): a guest is marked. */
export const toPublicUser = (user: {
  id: string;
  username: string;
  guestRoomId?: string | null;
}): PublicUser => ({
  id: user.id,
  username: user.username,
  ...(user.guestRoomId ? { guest: true as const } : {}),
});
