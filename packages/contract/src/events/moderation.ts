/** Moderators acting on people in a room: mute, stop camera or screen, remove, end the call, delete. */
import type { AckCallback, CoversExactly, NamesOf, RoomRef } from './common';

/** The media a moderator can turn off: microphone, camera, screen share. */
export const MODERATED_MEDIA = ['audio', 'video', 'screen'] as const;
export type ModeratedMedia = (typeof MODERATED_MEDIA)[number];

export interface MuteMediaPayload {
  roomId: string;
  userId: string;
  kind: ModeratedMedia;
  /** Also keep them from turning it back on until a moderator unblocks it. */
  block?: boolean;
}
export interface UnblockMediaPayload {
  roomId: string;
  userId: string;
  kind: ModeratedMedia;
}
export interface RemoveMemberPayload {
  roomId: string;
  userId: string;
  /** Also keep them from coming back (until a moderator unbans them). */
  ban?: boolean;
}
export interface DeleteMessagePayload {
  roomId: string;
  messageId: string;
}

/** Told to the person whose media a moderator turned off (every connection of theirs). */
export interface MediaModeratedEvent {
  roomId: string;
  kind: ModeratedMedia;
  /** True: they cannot turn it back on until unblocked. */
  blocked: boolean;
}
export interface MediaUnblockedEvent {
  roomId: string;
  kind: ModeratedMedia;
}
/** The media the user is kept from turning on in the room's call. */
export interface MediaBlocksEvent {
  roomId: string;
  blocked: ModeratedMedia[];
}
/** Told to every connection of the person removed: they are out of the room and its call. */
export interface RemovedFromRoomEvent {
  roomId: string;
  banned: boolean;
}
/** Told to everyone in the call when a moderator ends it for everyone. */
export interface CallEndedByModeratorEvent {
  roomId: string;
}
/** Told to the room: the message's content is gone. */
export interface MessageDeletedEvent {
  roomId: string;
  messageId: string;
}

export interface ModerationClientEvents {
  muteMedia: (payload: MuteMediaPayload, ack: AckCallback<null>) => void;
  unblockMedia: (payload: UnblockMediaPayload, ack: AckCallback<null>) => void;
  /** Your own blocks in the room's call (a client asks after joining it). */
  getMediaBlocks: (payload: RoomRef, ack: AckCallback<MediaBlocksEvent>) => void;
  removeMember: (payload: RemoveMemberPayload, ack: AckCallback<null>) => void;
  endCallForAll: (payload: RoomRef, ack: AckCallback<null>) => void;
  deleteMessage: (payload: DeleteMessagePayload, ack: AckCallback<null>) => void;
}
export interface ModerationServerEvents {
  mediaModerated: (event: MediaModeratedEvent) => void;
  mediaUnblocked: (event: MediaUnblockedEvent) => void;
  removedFromRoom: (event: RemovedFromRoomEvent) => void;
  callEndedByModerator: (event: CallEndedByModeratorEvent) => void;
  messageDeleted: (event: MessageDeletedEvent) => void;
}

export const ModerationClientEvent = {
  MuteMedia: 'muteMedia',
  UnblockMedia: 'unblockMedia',
  GetMediaBlocks: 'getMediaBlocks',
  RemoveMember: 'removeMember',
  EndCallForAll: 'endCallForAll',
  DeleteMessage: 'deleteMessage',
} as const satisfies NamesOf<ModerationClientEvents>;
export const ModerationServerEvent = {
  MediaModerated: 'mediaModerated',
  MediaUnblocked: 'mediaUnblocked',
  RemovedFromRoom: 'removedFromRoom',
  CallEndedByModerator: 'callEndedByModerator',
  MessageDeleted: 'messageDeleted',
} as const satisfies NamesOf<ModerationServerEvents>;

true satisfies CoversExactly<
  (typeof ModerationClientEvent)[keyof typeof ModerationClientEvent],
  ModerationClientEvents
>;
true satisfies CoversExactly<
  (typeof ModerationServerEvent)[keyof typeof ModerationServerEvent],
  ModerationServerEvents
>;
