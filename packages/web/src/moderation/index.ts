/** What other features may use of moderation: moderator controls, and what the moderated see. */
export { DeleteMessageButton } from './DeleteMessageButton';
export { EndCallButton } from './EndCallButton';
export { BansSection, ModerationLogSection } from './ModerationSettings';
export { blockedHint, MESSAGE_DELETED_TEXT, removedNotice } from './notices';
export { ParticipantMenu } from './ParticipantMenu';
export type { SelfModeration, SelfModerationDeps } from './selfModeration';
