/** What other features may use of the rooms feature. */
export { useRooms } from './queries';
export type { RoomJoinState, RoomMembership } from './membership';
export { badgeText, createUnreadStore, totalUnread } from './unread';
export type { UnreadStore } from './unread';
