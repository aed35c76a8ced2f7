/** Room presence over Socket.IO: join, leave, and who is here. */
import type { Participant, RoomDetail } from '../rest';
import type { AckCallback, CoversExactly, NamesOf, RoomRef } from './common';

export interface JoinRoomResult {
  room: RoomDetail;
  participants: Participant[];
}
export interface ParticipantsUpdateEvent {
  roomId: string;
  participants: Participant[];
}

export interface RoomClientEvents {
  joinRoom: (payload: RoomRef, ack: AckCallback<JoinRoomResult>) => void;
  leaveRoom: (payload: RoomRef, ack: AckCallback<{ roomId: string }>) => void;
}
export interface RoomServerEvents {
  participantsUpdate: (event: ParticipantsUpdateEvent) => void;
}

export const RoomClientEvent = {
  JoinRoom: 'joinRoom',
  LeaveRoom: 'leaveRoom',
} as const satisfies NamesOf<RoomClientEvents>;
export const RoomServerEvent = {
  ParticipantsUpdate: 'participantsUpdate',
} as const satisfies NamesOf<RoomServerEvents>;

true satisfies CoversExactly<
  (typeof RoomClientEvent)[keyof typeof RoomClientEvent],
  RoomClientEvents
>;
true satisfies CoversExactly<
  (typeof RoomServerEvent)[keyof typeof RoomServerEvent],
  RoomServerEvents
>;
