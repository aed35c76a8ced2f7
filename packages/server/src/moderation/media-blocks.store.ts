import type { ModeratedMedia } from '@minimeet/contract';
import type { Redis } from 'ioredis';

export const MEDIA_BLOCK_STORE = Symbol('MEDIA_BLOCK_STORE');

/** Media a moderator keeps people from turning on, per room's call: in memory, or in Redis. */
export interface MediaBlockStore {
  block(roomId: string, userId: string, kind: ModeratedMedia): Promise<void>;
  /** True when that block was there. */
  unblock(roomId: string, userId: string, kind: ModeratedMedia): Promise<boolean>;
  blocked(roomId: string, userId: string): Promise<ModeratedMedia[]>;
  /** The call ended: every block of the room goes. */
  clear(roomId: string): Promise<void>;
}

const field = (userId: string, kind: ModeratedMedia): string => `${userId}:${kind}`;
const kindOf = (f: string): ModeratedMedia => f.slice(f.indexOf(':') + 1) as ModeratedMedia;

export class MemoryMediaBlockStore implements MediaBlockStore {
  private readonly rooms = new Map<string, Set<string>>();

  block(roomId: string, userId: string, kind: ModeratedMedia): Promise<void> {
    let blocks = this.rooms.get(roomId);
    if (!blocks) this.rooms.set(roomId, (blocks = new Set<string>()));
    blocks.add(field(userId, kind));
    return Promise.resolve();
  }

  unblock(roomId: string, userId: string, kind: ModeratedMedia): Promise<boolean> {
    return Promise.resolve(this.rooms.get(roomId)?.delete(field(userId, kind)) ?? false);
  }

  blocked(roomId: string, userId: string): Promise<ModeratedMedia[]> {
    const blocks = [...(this.rooms.get(roomId) ?? [])];
    return Promise.resolve(blocks.filter((f) => f.startsWith(`${userId}:`)).map(kindOf));
  }

  clear(roomId: string): Promise<void> {
    this.rooms.delete(roomId);
    return Promise.resolve();
  }
}

/** A set per room (`<userId>:<kind>`), so every process refuses the same media. */
export class RedisMediaBlockStore implements MediaBlockStore {
  /** A forgotten set (every process died mid-call) goes away on its own. */
  private static readonly TTL_SECONDS = 24 * 3600;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(roomId: string): string {
    return `${this.prefix}media-blocks:${roomId}`;
  }

  async block(roomId: string, userId: string, kind: ModeratedMedia): Promise<void> {
    const key = this.key(roomId);
    await this.redis
      .multi()
      .sadd(key, field(userId, kind))
      .expire(key, RedisMediaBlockStore.TTL_SECONDS)
      .exec();
  }

  async unblock(roomId: string, userId: string, kind: ModeratedMedia): Promise<boolean> {
    return (await this.redis.srem(this.key(roomId), field(userId, kind))) > 0;
  }

  async blocked(roomId: string, userId: string): Promise<ModeratedMedia[]> {
    const blocks = await this.redis.smembers(this.key(roomId));
    return blocks.filter((f) => f.startsWith(`${userId}:`)).map(kindOf);
  }

  async clear(roomId: string): Promise<void> {
    await this.redis.del(this.key(roomId));
  }
}
