import type { Redis } from 'ioredis';
import { byArrival, type LobbyStore, type LobbyWaiter } from './lobby.store';

/** A waiting list is forgotten this long after its last knock (a process that died left it). */
const LOBBY_TTL_SECONDS = 6 * 3600;

/** HDEL the field only if the waiter in it knocked from ARGV[2]; 1 when removed. */
const TAKE_IF_FROM = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local ok, waiter = pcall(cjson.decode, raw)
if ok and waiter[3] == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`;

/**
 * Lobbies in Redis: one hash per room, field = user id, value = the waiter. Every process sees
 * the same waiting list, and taking someone off it is atomic (HDEL answers once).
 */
export class RedisLobbyStore implements LobbyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(roomId: string): string {
    return `${this.prefix}lobby:${roomId}`;
  }

  async add(roomId: string, waiter: LobbyWaiter): Promise<void> {
    const key = this.key(roomId);
    const previous = decode(await this.redis.hget(key, waiter.userId));
    const since = previous?.since ?? waiter.since;
    await this.redis
      .multi()
      .hset(key, waiter.userId, encode({ ...waiter, since }))
      .expire(key, LOBBY_TTL_SECONDS)
      .exec();
  }

  async take(roomId: string, userId: string): Promise<LobbyWaiter | null> {
    const result = await this.redis
      .multi()
      .hget(this.key(roomId), userId)
      .hdel(this.key(roomId), userId)
      .exec();
    const [[, raw] = [null, null], [, removed] = [null, 0]] = result ?? [];
    return removed === 1 ? decode(typeof raw === 'string' ? raw : null) : null;
  }

  async takeIfFrom(roomId: string, userId: string, connectionId: string): Promise<boolean> {
    const removed = await this.redis.eval(TAKE_IF_FROM, 1, this.key(roomId), userId, connectionId);
    return removed === 1;
  }

  async list(roomId: string): Promise<LobbyWaiter[]> {
    const all = await this.redis.hvals(this.key(roomId));
    return all.flatMap((raw) => decode(raw) ?? []).sort(byArrival);
  }

  async clear(roomId: string): Promise<LobbyWaiter[]> {
    const [[, all] = [null, []]] = ((await this.redis
      .multi()
      .hvals(this.key(roomId))
      .del(this.key(roomId))
      .exec()) ?? []) as [Error | null, string[]][];
    return all.flatMap((raw) => decode(raw) ?? []).sort(byArrival);
  }
}

const encode = (w: LobbyWaiter): string =>
  JSON.stringify([w.userId, w.username, w.connectionId, w.since]);

function decode(raw: string | null): LobbyWaiter | null {
  if (raw === null) return null;
  try {
    const [userId, username, connectionId, since] = JSON.parse(raw) as [
      string,
      string,
      string,
      number,
    ];
    return { userId, username, connectionId, since };
  } catch {
    return null;
  }
}
