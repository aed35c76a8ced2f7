import type { LobbyEntry, Room, RoomRole } from '@minimeet/contract';

/** The room's settings changed: its members hear the new room. */
export interface RoomUpdated {
  room: Room;
}
/** The room is gone (its messages, members and history with it): whoever is in it leaves. */
export interface RoomDeleted {
  roomId: string;
}
export interface MemberRoleChanged {
  roomId: string;
  userId: string;
  role: RoomRole;
}
/** The lobby's waiting list changed: the room's owner and moderators hear it. */
export interface LobbyChanged {
  roomId: string;
  waiting: LobbyEntry[];
  /** The owner and moderators of the room (every one of their connections hears it). */
  moderatorIds: string[];
}
/** A moderator answered someone waiting in the lobby. */
export interface KnockAnswered {
  roomId: string;
  userId: string;
  admitted: boolean;
}

export const RoomEvent = {
  Updated: 'room.updated',
  Deleted: 'room.deleted',
  RoleChanged: 'room.roleChanged',
  LobbyChanged: 'room.lobbyChanged',
  KnockAnswered: 'room.knockAnswered',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'room.updated': RoomUpdated;
    'room.deleted': RoomDeleted;
    'room.roleChanged': MemberRoleChanged;
    'room.lobbyChanged': LobbyChanged;
    'room.knockAnswered': KnockAnswered;
  }
}
