import type { RoomRef } from '@minimeet/contract';
import { IsUUID } from 'class-validator';

/** A payload that names one room; the base of every room-scoped event payload. */
export class RoomRefDto implements RoomRef {
  @IsUUID('all', { message: 'roomId must be a room id' })
  roomId: string;
}
