import type { AuthSession } from '@minimeet/contract';
import type { AuthSessionEntity } from '../database/entities/auth-session.entity';
import { deviceLabel } from './device-label';

export const toAuthSession = (row: AuthSessionEntity, currentId?: string): AuthSession => ({
  id: row.id,
  device: deviceLabel(row.userAgent),
  ip: row.ip ?? 'unknown',
  createdAt: row.createdAt.toISOString(),
  lastSeenAt: row.lastSeenAt.toISOString(),
  current: row.id === currentId,
});
