/** Socket.IO rooms ("channels") a connection is put in; the Redis adapter spans processes. */

/** Every connection that entered a MiniMeet room. */
export const roomChannel = (roomId: string): string => `room:${roomId}`;

/** Every connection in a room's call. */
export const callChannel = (roomId: string): string => `call:${roomId}`;

/** The one connection of a call peer: signalling to a peer is sent here. */
export const peerChannel = (peerId: string): string => `peer:${peerId}`;
