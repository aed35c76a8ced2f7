import type { CallMedia, CallPeer, MediaFlags, QualityRating } from '@minimeet/contract';
import type { AppErrorCode } from '../lib/errors';
import type { PeerMetrics } from './quality';
import type { RemoteMedia } from './transport';

/**
 * idle: not in the call (the room shows `Join call`); prejoin: device check before joining;
 * joining: waiting for the server; connected: in the call; reconnecting: the socket dropped
 * and the call is being rejoined (media may still flow meanwhile).
 */
export type CallPhase = 'idle' | 'prejoin' | 'joining' | 'connected' | 'reconnecting';

/** Why the last attempt or the call ended, for a message: a server/client error code or 'replaced'. */
export type CallNotice = AppErrorCode | 'REPLACED' | 'ENDED_BY_MODERATOR';

export interface PeerView extends RemoteMedia {
  peerId: string;
  userId: string;
  username: string;
  media: MediaFlags;
  connection: RTCPeerConnectionState;
  quality: QualityRating;
  metrics: PeerMetrics | null;
  speaking: boolean;
}

export interface CallSnapshot {
  phase: CallPhase;
  notice: CallNotice | null;
  callId: string | null;
  selfPeerId: string | null;
  selfSpeaking: boolean;
  peers: readonly PeerView[];
  /** How the call carries media now (null before joining). */
  media: CallMedia | null;
  /** The SFU connections are being set up again (the socket itself is fine). */
  mediaReconnecting: boolean;
  /** The peer who spoke last (kept while nobody else speaks), for the speaker view. */
  activeSpeakerId: string | null;
}

export const INITIAL_SNAPSHOT: CallSnapshot = {
  phase: 'idle',
  notice: null,
  callId: null,
  selfPeerId: null,
  selfSpeaking: false,
  peers: [],
  media: null,
  mediaReconnecting: false,
  activeSpeakerId: null,
};

export function peerView(peer: CallPeer): PeerView {
  return {
    peerId: peer.peerId,
    userId: peer.userId,
    username: peer.username,
    media: { ...peer.media },
    connection: 'new',
    quality: 'unknown',
    metrics: null,
    speaking: false,
    camera: null,
    screen: null,
  };
}

/** Adds a peer, or replaces the entry with the same peerId (keeping the join order). */
export function upsertPeer(peers: readonly PeerView[], peer: PeerView): readonly PeerView[] {
  const i = peers.findIndex((p) => p.peerId === peer.peerId);
  if (i === -1) return [...peers, peer];
  const next = [...peers];
  next[i] = peer;
  return next;
}

export function removePeer(peers: readonly PeerView[], peerId: string): readonly PeerView[] {
  return peers.some((p) => p.peerId === peerId) ? peers.filter((p) => p.peerId !== peerId) : peers;
}

/** Applies a patch to one peer; returns the same array when nothing changes (cheap re-renders). */
export function patchPeer(
  peers: readonly PeerView[],
  peerId: string,
  patch: Partial<Omit<PeerView, 'peerId'>>,
): readonly PeerView[] {
  const i = peers.findIndex((p) => p.peerId === peerId);
  const current = peers[i];
  if (!current) return peers;
  const keys = Object.keys(patch) as (keyof typeof patch)[];
  if (keys.every((k) => Object.is(current[k], patch[k]))) return peers;
  const next = [...peers];
  next[i] = { ...current, ...patch };
  return next;
}

export function sameFlags(a: MediaFlags, b: MediaFlags): boolean {
  return a.audio === b.audio && a.video === b.video && a.screen === b.screen;
}

/**
 * The active speaker: stays while speaking or while nobody else speaks; otherwise the first
 * peer who speaks now. Someone who left is forgotten.
 */
export function nextActiveSpeaker(
  current: string | null,
  peers: readonly PeerView[],
): string | null {
  const present = current !== null && peers.some((p) => p.peerId === current);
  const now = peers.find((p) => p.speaking);
  if (present && (peers.find((p) => p.peerId === current)?.speaking || !now)) return current;
  return now?.peerId ?? (present ? current : null);
}
