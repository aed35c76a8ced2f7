import type { Room } from '@minimeet/contract';
import type { RoomEntity } from '../database/entities/room.entity';

export const toRoom = (room: RoomEntity): Room => ({
  id: room.id,
  name: room.name,
  ownerId: room.ownerId,
  maxParticipants: room.maxParticipants,
  createdAt: room.createdAt.toISOString(),
});
