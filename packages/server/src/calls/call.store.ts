import type { CallMedia, MediaFlags } from '@minimeet/contract';

export interface CallInfo {
  callId: string;
  roomId: string;
  startedAt: number;
}

/** One participant's connection to a call (a user has at most one per call). */
export interface CallPeerEntry {
  peerId: string;
  userId: string;
  username: string;
  /** The socket that joined; relays go to the peer's own Socket.IO room, not to this id. */
  socketId: string;
  media: MediaFlags;
  joinedAt: number;
}

export interface JoinOutcome {
  call: CallInfo;
  /** True when this join started the call. */
  started: boolean;
  /** Peers that were already in the call (the replaced one excluded). */
  others: CallPeerEntry[];
  /** The same user's previous peer (another tab, or a dropped socket), removed by this join. */
  replaced: CallPeerEntry | null;
}

export interface LeaveOutcome {
  call: CallInfo;
  peer: CallPeerEntry;
  /** True when that was the last peer: the call is over. */
  ended: boolean;
}

/**
 * Who is in which room's call. The one place call membership lives, so a shared implementation
 * (or a media server) can replace the in-memory one.
 */
export interface CallStore {
  /**
   * Adds a peer atomically: at most `maxPeers` users, one peer per user (an older peer of the same
   * user is replaced). Starts the call with `newCall` when there is none. Null when the call is full.
   */
  join(
    roomId: string,
    peer: CallPeerEntry,
    maxPeers: number,
    newCall: CallInfo,
  ): Promise<JoinOutcome | null>;
  /** Removes a peer; null when it is not (or no longer) in the call. */
  leave(roomId: string, peerId: string): Promise<LeaveOutcome | null>;
  peer(roomId: string, peerId: string): Promise<CallPeerEntry | null>;
  peers(roomId: string): Promise<CallPeerEntry[]>;
  call(roomId: string): Promise<CallInfo | null>;
  /** Returns false when the peer is not in the call. */
  setMedia(roomId: string, peerId: string, media: MediaFlags): Promise<boolean>;
  /** How the call carries media now (mesh until it first moved to the SFU). */
  transport(callId: string): Promise<CallMedia>;
  /** Records that the call moved to `media` (kept for the call's lifetime, at most a day). */
  setTransport(callId: string, media: CallMedia): Promise<void>;
  /** True when several processes share the store: then `heartbeat` and `sweep` run periodically. */
  readonly shared: boolean;
  /** Keeps this process's peers alive. */
  heartbeat(): Promise<void>;
  /** Removes the peers of processes that stopped heart-beating (they died without cleaning up). */
  sweep(): Promise<LeaveOutcome[]>;
}

export const CALL_STORE = Symbol('CALL_STORE');

interface MemoryCall {
  info: CallInfo;
  peers: Map<string, CallPeerEntry>;
}

/** Call membership in this process's memory (single-process deployments and tests). */
export class MemoryCallStore implements CallStore {
  readonly shared = false;
  private readonly calls = new Map<string, MemoryCall>();
  private readonly transports = new Map<string, CallMedia>();

  join(
    roomId: string,
    peer: CallPeerEntry,
    maxPeers: number,
    newCall: CallInfo,
  ): Promise<JoinOutcome | null> {
    const existing = this.calls.get(roomId);
    const peers = [...(existing?.peers.values() ?? [])];
    const replaced = peers.find((p) => p.userId === peer.userId) ?? null;
    const others = peers.filter((p) => p !== replaced);
    if (others.length >= maxPeers) return Promise.resolve(null);
    const call = existing ?? { info: newCall, peers: new Map<string, CallPeerEntry>() };
    if (!existing) this.calls.set(roomId, call);
    if (replaced) call.peers.delete(replaced.peerId);
    call.peers.set(peer.peerId, { ...peer });
    return Promise.resolve({
      call: call.info,
      started: !existing,
      others: others.map(copy),
      replaced,
    });
  }

  leave(roomId: string, peerId: string): Promise<LeaveOutcome | null> {
    const call = this.calls.get(roomId);
    const peer = call?.peers.get(peerId);
    if (!call || !peer) return Promise.resolve(null);
    call.peers.delete(peerId);
    const ended = call.peers.size === 0;
    if (ended) {
      this.calls.delete(roomId);
      this.transports.delete(call.info.callId);
    }
    return Promise.resolve({ call: call.info, peer, ended });
  }

  peer(roomId: string, peerId: string): Promise<CallPeerEntry | null> {
    const peer = this.calls.get(roomId)?.peers.get(peerId);
    return Promise.resolve(peer ? copy(peer) : null);
  }

  peers(roomId: string): Promise<CallPeerEntry[]> {
    return Promise.resolve([...(this.calls.get(roomId)?.peers.values() ?? [])].map(copy));
  }

  call(roomId: string): Promise<CallInfo | null> {
    return Promise.resolve(this.calls.get(roomId)?.info ?? null);
  }

  setMedia(roomId: string, peerId: string, media: MediaFlags): Promise<boolean> {
    const peer = this.calls.get(roomId)?.peers.get(peerId);
    if (peer) peer.media = { ...media };
    return Promise.resolve(peer !== undefined);
  }

  transport(callId: string): Promise<CallMedia> {
    return Promise.resolve(this.transports.get(callId) ?? 'mesh');
  }

  setTransport(callId: string, media: CallMedia): Promise<void> {
    this.transports.set(callId, media);
    return Promise.resolve();
  }

  heartbeat(): Promise<void> {
    return Promise.resolve();
  }

  sweep(): Promise<LeaveOutcome[]> {
    return Promise.resolve([]);
  }
}

const copy = (p: CallPeerEntry): CallPeerEntry => ({ ...p, media: { ...p.media } });
