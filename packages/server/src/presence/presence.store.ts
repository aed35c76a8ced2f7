export interface PresenceEntry {
  socketId: string;
  userId: string;
  username: string;
  /** A guest (no account). */
  guest?: boolean;
}

/** Where "who is in which room" lives: process memory, or Redis shared by every process. */
export interface PresenceStore {
  add(roomId: string, entry: PresenceEntry): Promise<void>;
  remove(roomId: string, entry: PresenceEntry): Promise<void>;
  /** Live entries of a room (every socket; callers dedupe by user). */
  list(roomId: string): Promise<PresenceEntry[]>;
  /**
   * Keeps this process's entries alive, re-creating those the store lost (a Redis restart);
   * returns the rooms where an entry had to be re-created. No-op in memory.
   */
  heartbeat(entries: ReadonlyArray<readonly [string, PresenceEntry]>): Promise<string[]>;
  /** Drops entries whose process stopped heart-beating; returns the rooms that changed. */
  sweep(): Promise<string[]>;
  /** Call peers of a room (one per user and tab): who of the participants is in the call. */
  addCallPeer(roomId: string, userId: string, peerId: string): Promise<void>;
  removeCallPeer(roomId: string, userId: string, peerId: string): Promise<void>;
  /** Ids of the users who have a peer in the room's call. */
  callUsers(roomId: string): Promise<ReadonlySet<string>>;
  /** Every room with someone present now (for server-wide counts). */
  activeRooms(): Promise<string[]>;
}

/** The member that stands for one call peer in a room's set of call peers. */
export const callPeerKey = (userId: string, peerId: string): string => `${userId}/${peerId}`;
export const userOfCallPeerKey = (key: string): string => key.slice(0, key.indexOf('/'));

export class MemoryPresenceStore implements PresenceStore {
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();
  private readonly calls = new Map<string, Set<string>>();

  add(roomId: string, entry: PresenceEntry): Promise<void> {
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = new Map<string, PresenceEntry>()));
    room.set(entry.socketId, entry);
    return Promise.resolve();
  }

  remove(roomId: string, entry: PresenceEntry): Promise<void> {
    const room = this.rooms.get(roomId);
    room?.delete(entry.socketId);
    if (room?.size === 0) this.rooms.delete(roomId);
    return Promise.resolve();
  }

  list(roomId: string): Promise<PresenceEntry[]> {
    return Promise.resolve([...(this.rooms.get(roomId)?.values() ?? [])]);
  }

  heartbeat(): Promise<string[]> {
    return Promise.resolve([]);
  }

  sweep(): Promise<string[]> {
    return Promise.resolve([]);
  }

  addCallPeer(roomId: string, userId: string, peerId: string): Promise<void> {
    let peers = this.calls.get(roomId);
    if (!peers) this.calls.set(roomId, (peers = new Set<string>()));
    peers.add(callPeerKey(userId, peerId));
    return Promise.resolve();
  }

  removeCallPeer(roomId: string, userId: string, peerId: string): Promise<void> {
    const peers = this.calls.get(roomId);
    peers?.delete(callPeerKey(userId, peerId));
    if (peers?.size === 0) this.calls.delete(roomId);
    return Promise.resolve();
  }

  callUsers(roomId: string): Promise<ReadonlySet<string>> {
    return Promise.resolve(new Set([...(this.calls.get(roomId) ?? [])].map(userOfCallPeerKey)));
  }

  activeRooms(): Promise<string[]> {
    return Promise.resolve([...new Set([...this.rooms.keys(), ...this.calls.keys()])]);
  }
}
