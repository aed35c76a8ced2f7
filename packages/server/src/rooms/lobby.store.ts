/** Someone with the invite link waiting in a room's lobby, from one connection. */
export interface LobbyWaiter {
  userId: string;
  username: string;
  /** The connection that knocked: when it closes, they stop waiting. */
  connectionId: string;
  /** When they started waiting (ms since the epoch). */
  since: number;
}

/** Where the lobbies' waiting lists live: process memory, or Redis shared by every process. */
export interface LobbyStore {
  /** Adds (or refreshes) the user's place; keeps their first `since`. */
  add(roomId: string, waiter: LobbyWaiter): Promise<void>;
  /** Takes the user off the list atomically: only one caller gets the waiter. */
  take(roomId: string, userId: string): Promise<LobbyWaiter | null>;
  /** Takes the user off the list if they are waiting from that connection. */
  takeIfFrom(roomId: string, userId: string, connectionId: string): Promise<boolean>;
  /** Everyone waiting, longest first. */
  list(roomId: string): Promise<LobbyWaiter[]>;
  /** Empties the list; returns who was on it. */
  clear(roomId: string): Promise<LobbyWaiter[]>;
}

export const byArrival = (a: LobbyWaiter, b: LobbyWaiter): number =>
  a.since - b.since || a.username.localeCompare(b.username);

export class MemoryLobbyStore implements LobbyStore {
  private readonly rooms = new Map<string, Map<string, LobbyWaiter>>();

  add(roomId: string, waiter: LobbyWaiter): Promise<void> {
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = new Map<string, LobbyWaiter>()));
    const since = room.get(waiter.userId)?.since ?? waiter.since;
    room.set(waiter.userId, { ...waiter, since });
    return Promise.resolve();
  }

  take(roomId: string, userId: string): Promise<LobbyWaiter | null> {
    const room = this.rooms.get(roomId);
    const waiter = room?.get(userId) ?? null;
    room?.delete(userId);
    if (room?.size === 0) this.rooms.delete(roomId);
    return Promise.resolve(waiter);
  }

  async takeIfFrom(roomId: string, userId: string, connectionId: string): Promise<boolean> {
    if (this.rooms.get(roomId)?.get(userId)?.connectionId !== connectionId) return false;
    return (await this.take(roomId, userId)) !== null;
  }

  list(roomId: string): Promise<LobbyWaiter[]> {
    return Promise.resolve([...(this.rooms.get(roomId)?.values() ?? [])].sort(byArrival));
  }

  async clear(roomId: string): Promise<LobbyWaiter[]> {
    const waiting = await this.list(roomId);
    this.rooms.delete(roomId);
    return waiting;
  }
}
