import type { SelfUser } from '@minimeet/contract';
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
