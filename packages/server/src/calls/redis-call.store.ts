import type { CallMedia, MediaFlags } from '@minimeet/contract';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { CallInfo, CallPeerEntry, CallStore, JoinOutcome, LeaveOutcome } from './call.store';

/*
 * One hash per room's call: `info` -> the call, `p:<peerId>` -> a peer (JSON, with the id of the
 * process that owns its socket), `u:<userId>` -> that user's peerId. Changes run as Lua scripts, so
 * the capacity check, the one-peer-per-user rule and the end of a call are atomic across processes.
 */
const JOIN = `
local key = KEYS[1]
local info = redis.call('HGET', key, 'info')
local oldPeerId = redis.call('HGET', key, 'u:' .. ARGV[3])
local replaced = false
if oldPeerId then replaced = redis.call('HGET', key, 'p:' .. oldPeerId) end
local others = {}
local all = redis.call('HGETALL', key)
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 2) == 'p:' and all[i] ~= 'p:' .. tostring(oldPeerId) then table.insert(others, all[i + 1]) end
end
if #others >= tonumber(ARGV[4]) then return false end
local started = '0'
if not info then
  info = ARGV[5]
  started = '1'
  redis.call('HSET', key, 'info', info)
  redis.call('SADD', KEYS[2], ARGV[6])
end
if oldPeerId then redis.call('HDEL', key, 'p:' .. oldPeerId) end
redis.call('HSET', key, 'p:' .. ARGV[2], ARGV[1], 'u:' .. ARGV[3], ARGV[2])
local out = { info, started, replaced or '' }
for _, p in ipairs(others) do table.insert(out, p) end
return out`;

const LEAVE = `
local key = KEYS[1]
local raw = redis.call('HGET', key, 'p:' .. ARGV[1])
if not raw then return false end
local info = redis.call('HGET', key, 'info')
local userId = cjson.decode(raw).userId
redis.call('HDEL', key, 'p:' .. ARGV[1])
if redis.call('HGET', key, 'u:' .. userId) == ARGV[1] then redis.call('HDEL', key, 'u:' .. userId) end
local ended = '0'
if redis.call('HLEN', key) <= 1 then
  redis.call('DEL', key)
  redis.call('SREM', KEYS[2], ARGV[2])
  ended = '1'
end
return { info, raw, ended }`;

const SET_MEDIA = `
local raw = redis.call('HGET', KEYS[1], 'p:' .. ARGV[1])
if not raw then return 0 end
local peer = cjson.decode(raw)
peer.media = cjson.decode(ARGV[2])
redis.call('HSET', KEYS[1], 'p:' .. ARGV[1], cjson.encode(peer))
return 1`;

/** Drops a room from the index once its call is gone (checked atomically against a new join). */
const UNINDEX = `if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end return 0`;

interface StoredPeer extends CallPeerEntry {
  owner: string;
}

/** Call membership in Redis, shared by every process; a dead process's peers expire after `ttlMs`. */
export class RedisCallStore implements CallStore {
  readonly shared = true;
  /** This process; its liveness key is refreshed by `heartbeat`. */
  private readonly owner = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async join(
    roomId: string,
    peer: CallPeerEntry,
    maxPeers: number,
    newCall: CallInfo,
  ): Promise<JoinOutcome | null> {
    const stored: StoredPeer = { ...peer, owner: this.owner };
    const args = [
      JSON.stringify(stored),
      peer.peerId,
      peer.userId,
      String(maxPeers),
      JSON.stringify(newCall),
      roomId,
    ];
    const reply = (await this.redis.eval(JOIN, 2, this.callKey(roomId), this.indexKey, ...args)) as
      string[] | null;
    if (!reply) return null;
    const [info = '', started, replaced = '', ...others] = reply;
    return {
      call: JSON.parse(info) as CallInfo,
      started: started === '1',
      others: others.flatMap(decodePeer),
      replaced: replaced ? (decodePeer(replaced)[0] ?? null) : null,
    };
  }

  async transport(callId: string): Promise<CallMedia> {
    return (await this.redis.get(this.transportKey(callId))) === 'sfu' ? 'sfu' : 'mesh';
  }

  async setTransport(callId: string, media: CallMedia): Promise<void> {
    await this.redis.set(this.transportKey(callId), media, 'EX', 86_400);
  }

  private transportKey(callId: string): string {
    return `${this.prefix}call:transport:${callId}`;
  }

  async leave(roomId: string, peerId: string): Promise<LeaveOutcome | null> {
    const reply = (await this.redis.eval(
      LEAVE,
      2,
      this.callKey(roomId),
      this.indexKey,
      peerId,
      roomId,
    )) as string[] | null;
    const [info, raw, ended] = reply ?? [];
    const peer = raw ? decodePeer(raw)[0] : undefined;
    if (!info || !peer) return null;
    return { call: JSON.parse(info) as CallInfo, peer, ended: ended === '1' };
  }

  async peer(roomId: string, peerId: string): Promise<CallPeerEntry | null> {
    const raw = await this.redis.hget(this.callKey(roomId), `p:${peerId}`);
    return raw ? (decodePeer(raw)[0] ?? null) : null;
  }

  async peers(roomId: string): Promise<CallPeerEntry[]> {
    return (await this.storedPeers(roomId)).map(strip);
  }

  async call(roomId: string): Promise<CallInfo | null> {
    const info = await this.redis.hget(this.callKey(roomId), 'info');
    return info ? (JSON.parse(info) as CallInfo) : null;
  }

  async setMedia(roomId: string, peerId: string, media: MediaFlags): Promise<boolean> {
    return (
      (await this.redis.eval(SET_MEDIA, 1, this.callKey(roomId), peerId, JSON.stringify(media))) ===
      1
    );
  }

  async heartbeat(): Promise<void> {
    await this.redis.set(this.ownerKey(this.owner), '1', 'PX', this.ttlMs);
  }

  async sweep(): Promise<LeaveOutcome[]> {
    const removed: LeaveOutcome[] = [];
    const alive = new Map<string, boolean>([[this.owner, true]]);
    for (const roomId of await this.redis.smembers(this.indexKey)) {
      const peers = await this.storedPeers(roomId);
      if (peers.length === 0)
        await this.redis.eval(UNINDEX, 2, this.callKey(roomId), this.indexKey, roomId);
      for (const peer of peers) {
        if (!alive.has(peer.owner))
          alive.set(peer.owner, (await this.redis.exists(this.ownerKey(peer.owner))) === 1);
        if (alive.get(peer.owner)) continue;
        const outcome = await this.leave(roomId, peer.peerId);
        if (outcome) removed.push(outcome);
      }
    }
    return removed;
  }

  private async storedPeers(roomId: string): Promise<StoredPeer[]> {
    const fields = await this.redis.hgetall(this.callKey(roomId));
    return Object.entries(fields).flatMap(([field, raw]) =>
      field.startsWith('p:') ? decodeStored(raw) : [],
    );
  }

  private callKey(roomId: string): string {
    return `${this.prefix}call:room:${roomId}`;
  }
  private get indexKey(): string {
    return `${this.prefix}call:rooms`;
  }
  private ownerKey(owner: string): string {
    return `${this.prefix}call:process:${owner}`;
  }
}

function decodeStored(raw: string): StoredPeer[] {
  try {
    const p = JSON.parse(raw) as Partial<StoredPeer>;
    if (
      typeof p.peerId !== 'string' ||
      typeof p.userId !== 'string' ||
      typeof p.owner !== 'string' ||
      !p.media
    )
      return [];
    return [p as StoredPeer];
  } catch {
    return [];
  }
}

const decodePeer = (raw: string): CallPeerEntry[] => decodeStored(raw).map(strip);

function strip({ owner: _owner, ...peer }: StoredPeer): CallPeerEntry {
  return { ...peer, media: { ...peer.media } };
}
