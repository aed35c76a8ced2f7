/** The call peers of this process's sockets: socketId -> (roomId -> peerId). */
export class LocalPeers {
  private readonly bySocket = new Map<string, Map<string, string>>();

  get(socketId: string, roomId: string): string | undefined {
    return this.bySocket.get(socketId)?.get(roomId);
  }

  set(socketId: string, roomId: string, peerId: string): void {
    let rooms = this.bySocket.get(socketId);
    if (!rooms) this.bySocket.set(socketId, (rooms = new Map<string, string>()));
    rooms.set(roomId, peerId);
  }

  /** Forgets the mapping only if it still points at that peer (a newer join may have replaced it). */
  delete(socketId: string, roomId: string, peerId: string): void {
    const rooms = this.bySocket.get(socketId);
    if (rooms?.get(roomId) !== peerId) return;
    rooms.delete(roomId);
    if (rooms.size === 0) this.bySocket.delete(socketId);
  }

  /** Removes and returns every (roomId, peerId) of a socket. */
  take(socketId: string): [string, string][] {
    const rooms = this.bySocket.get(socketId);
    this.bySocket.delete(socketId);
    return [...(rooms ?? [])];
  }
}
