import type { PublicUser, SelfUser } from '@minimeet/contract';
import type { UserEntity } from '../database/entities/user.entity';

export const toSelfUser = (user: UserEntity, isAdmin: boolean): SelfUser => ({
  id: user.id,
  username: user.username,
  email: user.email,
  createdAt: user.createdAt.toISOString(),
  isAdmin,
  ...(user.guestRoomId && user.guestExpiresAt
    ? { guestOf: { roomId: user.guestRoomId, expiresAt: user.guestExpiresAt.toISOString() } }
    : {}),
});

/** The user as others see them: a guest is marked. */
export const toPublicUser = (user: {
  id: string;
  username: string;
  guestRoomId?: string | null;
}): PublicUser => ({
  id: user.id,
  username: user.username,
  ...(user.guestRoomId ? { guest: true as const } : {}),
});
