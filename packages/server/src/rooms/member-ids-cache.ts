/** How long a room's member list answers the per-message audience before it is read again. */
export const MEMBER_IDS_TTL_MS = 10_000;
/** Rooms kept at most; past this the cache starts over (it only saves reads). */
const MAX_ROOMS = 10_000;

/**
 * The member ids of recently active rooms, so a chat message does not read the room's members
 * for its `roomActivity` audience each time. A removal forgets the room at once (here, and in the
 * other processes through their eviction); a join made here forgets it too, and one made in another
 * process shows up within the TTL (until then that member's other tabs miss the unread badge).
 */
export class MemberIdsCache {
  private readonly rooms = new Map<string, { ids: string[]; until: number }>();

  constructor(
    private readonly ttlMs: number = MEMBER_IDS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async get(roomId: string, load: () => Promise<string[]>): Promise<string[]> {
    const kept = this.rooms.get(roomId);
    if (kept && kept.until > this.now()) return kept.ids;
    const ids = await load();
    if (this.rooms.size >= MAX_ROOMS) this.rooms.clear();
    this.rooms.set(roomId, { ids, until: this.now() + this.ttlMs });
    return ids;
  }

  forget(roomId: string): void {
    this.rooms.delete(roomId);
  }
}
