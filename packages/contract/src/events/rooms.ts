/**
 * Rooms over Socket.IO: join and leave, who is here, live settings and roles, and the lobby
 * (people with the link waiting for a moderator to let them in).
 */
import type { LobbyEntry, Participant, Room, RoomDetail, RoomRole } from '../rest';
import type { AckCallback, CoversExactly, NamesOf, RoomRef } from './common';

export interface JoinRoomPayload {
  roomId: string;
  /** Needed by someone who is not yet a member (the token of the invite link). */
  inviteToken?: string;
}
export interface JoinRoomResult {
  room: RoomDetail;
  participants: Participant[];
}
export interface ParticipantsUpdateEvent {
  roomId: string;
  participants: Participant[];
}

/** Asks to come in with an invite link. */
export interface KnockPayload {
  inviteToken: string;
}
/**
 * `admitted`: the caller is a member now (an open room, or they already were): join the room.
 * `waiting`: the room has a lobby: wait for lobbyAdmitted or lobbyDenied.
 */
export interface KnockResult {
  roomId: string;
  status: 'admitted' | 'waiting';
}
/** A moderator's answer to someone waiting in the lobby. */
export interface LobbyDecisionPayload {
  roomId: string;
  userId: string;
}

/** The room's settings changed (name, description, limit, access mode, invite link). */
export type RoomUpdatedEvent = Room;
/** The room was deleted: leave it. */
export interface RoomDeletedEvent {
  roomId: string;
}
export interface MemberRoleChangedEvent {
  roomId: string;
  userId: string;
  role: RoomRole;
}
/** The waiting list of a room, to its owner and moderators. */
export interface LobbyUpdateEvent {
  roomId: string;
  waiting: LobbyEntry[];
}
/** To the person who knocked: let in (now a member) or not. */
export interface LobbyAnswerEvent {
  roomId: string;
}

export interface RoomClientEvents {
  joinRoom: (payload: JoinRoomPayload, ack: AckCallback<JoinRoomResult>) => void;
  leaveRoom: (payload: RoomRef, ack: AckCallback<{ roomId: string }>) => void;
  knockRoom: (payload: KnockPayload, ack: AckCallback<KnockResult>) => void;
  /** Stops waiting in a room's lobby. */
  leaveLobby: (payload: RoomRef, ack: AckCallback<null>) => void;
  admitKnock: (payload: LobbyDecisionPayload, ack: AckCallback<null>) => void;
  denyKnock: (payload: LobbyDecisionPayload, ack: AckCallback<null>) => void;
}
export interface RoomServerEvents {
  participantsUpdate: (event: ParticipantsUpdateEvent) => void;
  roomUpdated: (event: RoomUpdatedEvent) => void;
  roomDeleted: (event: RoomDeletedEvent) => void;
  memberRoleChanged: (event: MemberRoleChangedEvent) => void;
  lobbyUpdate: (event: LobbyUpdateEvent) => void;
  lobbyAdmitted: (event: LobbyAnswerEvent) => void;
  lobbyDenied: (event: LobbyAnswerEvent) => void;
}

export const RoomClientEvent = {
  JoinRoom: 'joinRoom',
  LeaveRoom: 'leaveRoom',
  KnockRoom: 'knockRoom',
  LeaveLobby: 'leaveLobby',
  AdmitKnock: 'admitKnock',
  DenyKnock: 'denyKnock',
} as const satisfies NamesOf<RoomClientEvents>;
export const RoomServerEvent = {
  ParticipantsUpdate: 'participantsUpdate',
  RoomUpdated: 'roomUpdated',
  RoomDeleted: 'roomDeleted',
  MemberRoleChanged: 'memberRoleChanged',
  LobbyUpdate: 'lobbyUpdate',
  LobbyAdmitted: 'lobbyAdmitted',
  LobbyDenied: 'lobbyDenied',
} as const satisfies NamesOf<RoomServerEvents>;

true satisfies CoversExactly<
  (typeof RoomClientEvent)[keyof typeof RoomClientEvent],
  RoomClientEvents
>;
true satisfies CoversExactly<
  (typeof RoomServerEvent)[keyof typeof RoomServerEvent],
  RoomServerEvents
>;

/** Invite tokens are URL-safe: letters, digits, `-` and `_`. */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
