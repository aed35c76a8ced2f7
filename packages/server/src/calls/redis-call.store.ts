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

/** How long a process's marker outlives its last heartbeat (it only tells a wiped Redis apart). */
const EPOCH_TTL_MS = 86_400_000;

/** Puts a peer of this process back after Redis lost it (a restart): what is there wins. */
const RESTORE = `
redis.call('HSETNX', KEYS[1], 'info', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[4])
if redis.call('HSETNX', KEYS[1], 'p:' .. ARGV[1], ARGV[2]) == 1 then
  redis.call('HSETNX', KEYS[1], 'u:' .. ARGV[5], ARGV[1])
end
return 0`;

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
  /**
   * This process's peers as last written (roomId -> peerId -> peer and call), and the calls'
   * transports: what `heartbeat` writes back when Redis comes back empty.
   */
  private readonly mine = new Map<string, Map<string, { peer: StoredPeer; call: CallInfo }>>();
  private readonly transports = new Map<string, CallMedia>();
  /** Missing on a heartbeat after the first: Redis lost every key (this process's marker). */
  private beaten = false;

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
    const call = JSON.parse(info) as CallInfo;
    this.remember(roomId, stored, call);
    return {
      call,
      started: started === '1',
      others: others.flatMap(decodePeer),
      replaced: replaced ? (decodePeer(replaced)[0] ?? null) : null,
    };
  }

  async transport(callId: string): Promise<CallMedia> {
    return (await this.redis.get(this.transportKey(callId))) === 'sfu' ? 'sfu' : 'mesh';
  }

  async setTransport(callId: string, media: CallMedia): Promise<void> {
    this.transports.set(callId, media);
    await this.redis.set(this.transportKey(callId), media, 'EX', 86_400);
  }

  private transportKey(callId: string): string {
    return `${this.prefix}call:transport:${callId}`;
  }

  async leave(roomId: string, peerId: string): Promise<LeaveOutcome | null> {
    this.forget(roomId, peerId);
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
    const mine = this.mine.get(roomId)?.get(peerId);
    if (mine) mine.peer = { ...mine.peer, media: { ...media } };
    return (
      (await this.redis.eval(SET_MEDIA, 1, this.callKey(roomId), peerId, JSON.stringify(media))) ===
      1
    );
  }

  async heartbeat(): Promise<void> {
    const [[, fresh] = [null, null]] =
      ((await this.redis
        .multi()
        .set(this.epochKey, '1', 'NX')
        .pexpire(this.epochKey, EPOCH_TTL_MS)
        .set(this.ownerKey(this.owner), '1', 'PX', this.ttlMs)
        .exec()) as [Error | null, string | null][] | null) ?? [];
    const wiped = fresh === 'OK' && this.beaten;
    this.beaten = true;
    if (wiped) await this.restore();
    else await this.pruneLeftElsewhere();
  }

  /** Redis came back empty (a restart): this process's peers, calls and transports go back. */
  private async restore(): Promise<void> {
    for (const [roomId, peers] of this.mine)
      for (const { peer, call } of peers.values()) {
        const args = [peer.peerId, JSON.stringify(peer), JSON.stringify(call), roomId, peer.userId];
        await this.redis.eval(RESTORE, 2, this.callKey(roomId), this.indexKey, ...args);
        const media = this.transports.get(call.callId);
        if (media) await this.redis.set(this.transportKey(call.callId), media, 'EX', 86_400, 'NX');
      }
  }

  /** Forgets peers another process removed (a moderator's removal), so they never come back. */
  private async pruneLeftElsewhere(): Promise<void> {
    const entries = [...this.mine].flatMap(([roomId, peers]) =>
      [...peers.keys()].map((peerId) => [roomId, peerId] as const),
    );
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [roomId, peerId] of entries) pipeline.hexists(this.callKey(roomId), `p:${peerId}`);
    const results = (await pipeline.exec()) ?? [];
    entries.forEach(([roomId, peerId], i) => {
      const [error, exists] = results[i] ?? [null, 1];
      if (!error && exists === 0) this.forget(roomId, peerId);
    });
  }

  private remember(roomId: string, peer: StoredPeer, call: CallInfo): void {
    let peers = this.mine.get(roomId);
    if (!peers)
      this.mine.set(roomId, (peers = new Map<string, { peer: StoredPeer; call: CallInfo }>()));
    // One peer per user: the one this join replaced is gone.
    for (const [peerId, other] of peers)
      if (other.peer.userId === peer.userId) peers.delete(peerId);
    peers.set(peer.peerId, { peer, call });
  }

  private forget(roomId: string, peerId: string): void {
    const peers = this.mine.get(roomId);
    const gone = peers?.get(peerId);
    if (!peers || !gone) return;
    peers.delete(peerId);
    if (peers.size > 0) return;
    this.mine.delete(roomId);
    this.transports.delete(gone.call.callId);
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
  private get epochKey(): string {
    return `${this.prefix}call:epoch:${this.owner}`;
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
