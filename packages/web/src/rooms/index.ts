/** What other features may use of the rooms feature. */
export { useRooms } from './queries';
export type { RoomJoinState, RoomMembership } from './membership';
