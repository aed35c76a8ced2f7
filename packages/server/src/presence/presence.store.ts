export interface PresenceEntry {
  socketId: string;
  userId: string;
  username: string;
}

/** Where "who is in which room" lives: process memory, or Redis shared by every process. */
export interface PresenceStore {
  add(roomId: string, entry: PresenceEntry): Promise<void>;
  remove(roomId: string, entry: PresenceEntry): Promise<void>;
  /** Live entries of a room (every socket; callers dedupe by user). */
  list(roomId: string): Promise<PresenceEntry[]>;
  /** Keeps this process's entries alive (no-op in memory). */
  heartbeat(entries: ReadonlyArray<readonly [string, PresenceEntry]>): Promise<void>;
  /** Drops entries whose process stopped heart-beating; returns the rooms that changed. */
  sweep(): Promise<string[]>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();

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

  heartbeat(): Promise<void> {
    return Promise.resolve();
  }

  sweep(): Promise<string[]> {
    return Promise.resolve([]);
  }
}
