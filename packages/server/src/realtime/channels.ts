/** Socket.IO rooms ("channels") a connection is put in; the Redis adapter spans processes. */

/** Every connection that entered a MiniMeet room. */
export const roomChannel = (roomId: string): string => `room:${roomId}`;

/** Every connection in a room's call. */
export const callChannel = (roomId: string): string => `call:${roomId}`;

/** The one connection of a call peer: signalling to a peer is sent here. */
export const peerChannel = (peerId: string): string => `peer:${peerId}`;

/** Every connection of one user (in this process and, through the adapter, in every other). */
export const userChannel = (userId: string): string => `user:${userId}`;

/** Every connection of one sign-in session (refresh-token family). */
export const sessionChannel = (familyId: string): string => `session:${familyId}`;

/** Every connection from one client address (counts the per-address socket cap). */
export const addressChannel = (address: string): string => `addr:${address}`;
