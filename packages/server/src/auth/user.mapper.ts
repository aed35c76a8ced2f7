import type { PublicUser, SelfUser } from '@minimeet/contract';
import type { UserEntity } from '../database/entities/user.entity';

export const toPublicUser = (user: Pick<UserEntity, 'id' | 'username'>): PublicUser => ({
  id: user.id,
  username: user.username,
});

export const toSelfUser = (user: UserEntity): SelfUser => ({
  id: user.id,
  username: user.username,
  email: user.email,
  createdAt: user.createdAt.toISOString(),
});
