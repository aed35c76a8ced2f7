import type { RaisedHand } from '@minimeet/contract';
import type { Redis } from 'ioredis';

export const HAND_STORE = Symbol('HAND_STORE');

/** A raised hand and the call peer that raised it (it goes down when that peer leaves). */
export interface StoredHand extends RaisedHand {
  peerId: string;
}

/** The raised hands of each room's call: in memory, or in Redis shared by every process. */
export interface HandStore {
  /** Raises the hand; a hand already up keeps its place. Returns the queue. */
  raise(roomId: string, hand: StoredHand): Promise<StoredHand[]>;
  /** Lowers the user's hand; returns the queue, and whether it changed. */
  lower(roomId: string, userId: string): Promise<{ hands: StoredHand[]; changed: boolean }>;
  /** Lowers the hand raised by this peer, if any; null when nothing changed. */
  lowerPeer(roomId: string, peerId: string): Promise<StoredHand[] | null>;
  list(roomId: string): Promise<StoredHand[]>;
  clear(roomId: string): Promise<void>;
}

const byTime = (hands: Iterable<StoredHand>): StoredHand[] =>
  [...hands].sort(
    (a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.userId.localeCompare(b.userId),
  );

export class MemoryHandStore implements HandStore {
  private readonly rooms = new Map<string, Map<string, StoredHand>>();

  raise(roomId: string, hand: StoredHand): Promise<StoredHand[]> {
    let hands = this.rooms.get(roomId);
    if (!hands) this.rooms.set(roomId, (hands = new Map<string, StoredHand>()));
    if (!hands.has(hand.userId)) hands.set(hand.userId, hand);
    return this.list(roomId);
  }

  async lower(roomId: string, userId: string) {
    const changed = this.rooms.get(roomId)?.delete(userId) ?? false;
    return { hands: await this.list(roomId), changed };
  }

  async lowerPeer(roomId: string, peerId: string): Promise<StoredHand[] | null> {
    const hand = [...(this.rooms.get(roomId)?.values() ?? [])].find((h) => h.peerId === peerId);
    if (!hand) return null;
    return (await this.lower(roomId, hand.userId)).hands;
  }

  list(roomId: string): Promise<StoredHand[]> {
    return Promise.resolve(byTime(this.rooms.get(roomId)?.values() ?? []));
  }

  clear(roomId: string): Promise<void> {
    this.rooms.delete(roomId);
    return Promise.resolve();
  }
}

/** A hash per room (user id -> hand), so every process sees and changes the same queue. */
export class RedisHandStore implements HandStore {
  /** A forgotten queue (every process died mid-call) goes away on its own. */
  private static readonly TTL_SECONDS = 24 * 3600;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(roomId: string): string {
    return `${this.prefix}hands:${roomId}`;
  }

  async raise(roomId: string, hand: StoredHand): Promise<StoredHand[]> {
    const key = this.key(roomId);
    await this.redis
      .multi()
      .hsetnx(key, hand.userId, JSON.stringify(hand))
      .expire(key, RedisHandStore.TTL_SECONDS)
      .exec();
    return this.list(roomId);
  }

  async lower(roomId: string, userId: string) {
    const changed = (await this.redis.hdel(this.key(roomId), userId)) > 0;
    return { hands: await this.list(roomId), changed };
  }

  async lowerPeer(roomId: string, peerId: string): Promise<StoredHand[] | null> {
    const hand = (await this.list(roomId)).find((h) => h.peerId === peerId);
    if (!hand) return null;
    return (await this.lower(roomId, hand.userId)).hands;
  }

  async list(roomId: string): Promise<StoredHand[]> {
    const raw = await this.redis.hvals(this.key(roomId));
    return byTime(raw.map((v) => JSON.parse(v) as StoredHand));
  }

  async clear(roomId: string): Promise<void> {
    await this.redis.del(this.key(roomId));
  }
}
