/** Socket.IO room of every socket in a room's call (works across processes through the adapter). */
export const callChannel = (roomId: string): string => `call:${roomId}`;

/** Socket.IO room of one call peer: signalling to a peer is sent here. */
export const peerChannel = (peerId: string): string => `peer:${peerId}`;
