import type { Redis } from 'ioredis';
import {
  callPeerKey,
  userOfCallPeerKey,
  type PresenceEntry,
  type PresenceStore,
} from './presence.store';

/**
 * Presence in Redis: one sorted set per room, member = the entry, score = when it expires.
 * Each process re-scores its own entries on a heartbeat, so the entries of a process that
 * died expire after `ttlMs` and are swept by any surviving process.
 */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  private roomKey(roomId: string): string {
    return `${this.prefix}presence:room:${roomId}`;
  }
  private callKey(roomId: string): string {
    return `${this.prefix}presence:call:${roomId}`;
  }
  private get indexKey(): string {
    return `${this.prefix}presence:rooms`;
  }

  async add(roomId: string, entry: PresenceEntry): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.roomKey(roomId), Date.now() + this.ttlMs, encode(entry))
      .sadd(this.indexKey, roomId)
      .exec();
  }

  async remove(roomId: string, entry: PresenceEntry): Promise<void> {
    await this.redis.zrem(this.roomKey(roomId), encode(entry));
  }

  async list(roomId: string): Promise<PresenceEntry[]> {
    const members = await this.redis.zrangebyscore(this.roomKey(roomId), Date.now(), '+inf');
    return members.flatMap(decode);
  }

  async heartbeat(entries: ReadonlyArray<readonly [string, PresenceEntry]>): Promise<string[]> {
    if (entries.length === 0) return [];
    const expires = Date.now() + this.ttlMs;
    const pipeline = this.redis.pipeline();
    // Upsert, not XX: entries lost with Redis (a restart) come back within one heartbeat.
    for (const [roomId, entry] of entries) {
      pipeline.zadd(this.roomKey(roomId), expires, encode(entry));
    }
    pipeline.sadd(this.indexKey, ...new Set(entries.map(([roomId]) => roomId)));
    const results = (await pipeline.exec()) ?? [];
    const recreated = new Set<string>();
    entries.forEach(([roomId], i) => {
      const [error, added] = results[i] ?? [null, 0];
      if (error) throw error;
      if (Number(added) > 0) recreated.add(roomId);
    });
    return [...recreated];
  }

  async addCallPeer(roomId: string, userId: string, peerId: string): Promise<void> {
    await this.redis.sadd(this.callKey(roomId), callPeerKey(userId, peerId));
  }

  async removeCallPeer(roomId: string, userId: string, peerId: string): Promise<void> {
    await this.redis.srem(this.callKey(roomId), callPeerKey(userId, peerId));
  }

  async callUsers(roomId: string): Promise<ReadonlySet<string>> {
    return new Set((await this.redis.smembers(this.callKey(roomId))).map(userOfCallPeerKey));
  }

  async activeRooms(): Promise<string[]> {
    return this.redis.smembers(this.indexKey);
  }

  async sweep(): Promise<string[]> {
    const rooms = await this.redis.smembers(this.indexKey);
    const changed: string[] = [];
    const now = Date.now();
    for (const roomId of rooms) {
      const key = this.roomKey(roomId);
      const [[, removed] = [null, 0], [, left] = [null, 0]] =
        ((await this.redis.multi().zremrangebyscore(key, '-inf', now).zcard(key).exec()) as
          [Error | null, number][] | null) ?? [];
      if (removed > 0) changed.push(roomId);
      if (left === 0) await this.redis.srem(this.indexKey, roomId);
    }
    return changed;
  }
}

const encode = (e: PresenceEntry): string =>
  JSON.stringify(
    e.guest ? [e.socketId, e.userId, e.username, 1] : [e.socketId, e.userId, e.username],
  );

function decode(raw: string): PresenceEntry[] {
  try {
    const [socketId, userId, username, guest] = JSON.parse(raw) as [string, string, string, 1?];
    return [
      guest === 1 ? { socketId, userId, username, guest: true } : { socketId, userId, username },
    ];
  } catch {
    return [];
  }
}
