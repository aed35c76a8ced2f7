/** What other features may use of the call feature: the call's place in a room page. */
export { RoomCallSlot } from './RoomCallSlot';
