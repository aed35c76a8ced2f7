import type { ModeratedMedia } from '@minimeet/contract';

/** A moderator turned off someone's media in the call (and maybe blocked it). */
export interface MediaModerated {
  roomId: string;
  userId: string;
  kind: ModeratedMedia;
  blocked: boolean;
}
/** A moderator let someone turn that media on again. */
export interface MediaUnblocked {
  roomId: string;
  userId: string;
  kind: ModeratedMedia;
}
/**
 * A moderator removed a member (maybe banned them). Their membership is gone; every process takes
 * its connections of theirs out of the room and its call.
 */
export interface MemberRemoved {
  roomId: string;
  userId: string;
  banned: boolean;
}
/** A moderator ended the call for everyone (raised before the peers are taken out). */
export interface CallEndedByModerator {
  roomId: string;
}
/** A moderator deleted a message: its content is gone. */
export interface MessageDeleted {
  roomId: string;
  messageId: string;
}

export const ModerationEvent = {
  MediaModerated: 'moderation.mediaModerated',
  MediaUnblocked: 'moderation.mediaUnblocked',
  MemberRemoved: 'moderation.memberRemoved',
  CallEnded: 'moderation.callEnded',
  MessageDeleted: 'moderation.messageDeleted',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'moderation.mediaModerated': MediaModerated;
    'moderation.mediaUnblocked': MediaUnblocked;
    'moderation.memberRemoved': MemberRemoved;
    'moderation.callEnded': CallEndedByModerator;
    'moderation.messageDeleted': MessageDeleted;
  }
}
