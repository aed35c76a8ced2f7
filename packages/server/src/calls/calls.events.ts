import type {
  CallMedia,
  CallStatsSample,
  CallPeer,
  MediaFlags,
  Relayed,
  SignalCandidatePayload,
  SignalOfferPayload,
} from '@minimeet/contract';

/** A connection became a call peer: from now on it hears the call and signalling sent to it. */
export interface PeerAttached {
  roomId: string;
  peerId: string;
  connectionId: string;
}
/** A peer joined the call (the joiner's own connection does not hear it). */
export interface PeerJoined {
  roomId: string;
  peer: CallPeer;
  connectionId: string;
}
/**
 * A peer left the call (left, replaced by the same user's new peer, or expired). Everyone in the
 * call hears it, the leaving connection too (that is how a replaced tab learns it is out), unless
 * that connection is the one joining again (`exceptConnection`).
 */
export interface PeerDetached {
  roomId: string;
  peerId: string;
  connectionId: string;
  exceptConnection?: string;
}
export interface PeerMediaChanged {
  roomId: string;
  peerId: string;
  connectionId: string;
  media: MediaFlags;
}
/** The whole call moved to another transport (mesh -> SFU). */
export interface CallMediaChanged {
  roomId: string;
  callId: string;
  media: CallMedia;
}
/** The last peer left: the call is over. */
export interface CallEnded {
  roomId: string;
  callId: string;
}
/** A peer's client reported quality samples (`at`: when the server received them). */
export interface StatsReported {
  roomId: string;
  peerId: string;
  userId: string;
  at: Date;
  samples: readonly CallStatsSample[];
}
/** A signalling message from one peer to another (`from` set by the server). */
export type SignalRelayed =
  | { kind: 'offer' | 'answer'; payload: SignalOfferPayload & Relayed }
  | { kind: 'candidate'; payload: SignalCandidatePayload & Relayed };

export const CallEvent = {
  PeerAttached: 'call.peerAttached',
  PeerJoined: 'call.peerJoined',
  PeerDetached: 'call.peerDetached',
  PeerMediaChanged: 'call.peerMediaChanged',
  SignalRelayed: 'call.signalRelayed',
  MediaChanged: 'call.mediaChanged',
  CallEnded: 'call.ended',
  StatsReported: 'call.statsReported',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'call.peerAttached': PeerAttached;
    'call.peerJoined': PeerJoined;
    'call.peerDetached': PeerDetached;
    'call.peerMediaChanged': PeerMediaChanged;
    'call.signalRelayed': SignalRelayed;
    'call.mediaChanged': CallMediaChanged;
    'call.ended': CallEnded;
    'call.statsReported': StatsReported;
  }
}
