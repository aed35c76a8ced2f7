import type { ModeratedMedia } from '@minimeet/contract';

/** The sentences a moderated person sees. */
const OFF: Record<ModeratedMedia, string> = {
  audio: 'A moderator muted you',
  video: 'A moderator turned off your camera',
  screen: 'A moderator stopped your screen share',
};
const WHAT: Record<ModeratedMedia, string> = {
  audio: 'microphone',
  video: 'camera',
  screen: 'screen share',
};

export function mediaModeratedNotice(kind: ModeratedMedia, blocked: boolean): string {
  return blocked ? `${OFF[kind]}. You cannot turn it back on for now.` : `${OFF[kind]}.`;
}

export function mediaUnblockedNotice(kind: ModeratedMedia): string {
  return `A moderator allowed your ${WHAT[kind]} again.`;
}

/** The hint beside a toggle a moderator blocked. */
export function blockedHint(kind: ModeratedMedia): string {
  return `A moderator blocked your ${WHAT[kind]}`;
}

export const CALL_ENDED_NOTICE = 'A moderator ended the call';
export const MESSAGE_DELETED_TEXT = 'Message deleted by a moderator';

export function removedNotice(banned: boolean): string {
  return banned
    ? 'You were removed from this room and cannot come back.'
    : 'You were removed from this room.';
}
