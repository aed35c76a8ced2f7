/** Calls over Socket.IO: membership, peer-to-peer signalling, media state and quality samples. */
import type { IceServer } from '../rest';
import type { AckCallback, CoversExactly, NamesOf, RoomRef } from './common';

export interface MediaFlags {
  audio: boolean;
  video: boolean;
  screen: boolean;
}
export interface CallPeer {
  peerId: string;
  userId: string;
  username: string;
  media: MediaFlags;
}
export interface JoinCallPayload {
  roomId: string;
  media?: MediaFlags;
}
/** How a call carries media: a peer-to-peer mesh (small calls) or through the SFU. */
export type CallMedia = 'mesh' | 'sfu';
export interface JoinCallResult {
  callId: string;
  peerId: string;
  peers: CallPeer[];
  iceServers: IceServer[];
  /** The call's transport now; a mesh call moves to the SFU when it grows (callMediaChanged). */
  media: CallMedia;
}
/** The whole call moved to another transport (mesh -> SFU when it grew past the mesh limit). */
export interface CallMediaChangedEvent {
  roomId: string;
  callId: string;
  media: CallMedia;
}
export type SdpType = 'offer' | 'answer';
export interface SessionDescription {
  type: SdpType;
  sdp: string;
}
export interface IceCandidateInit {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}
export interface SignalOfferPayload {
  roomId: string;
  to: string;
  sdp: SessionDescription;
}
export type SignalAnswerPayload = SignalOfferPayload;
export interface SignalCandidatePayload {
  roomId: string;
  to: string;
  candidate: IceCandidateInit;
}
/** Server adds `from` (peerId) and `fromUserId`; never trusted from the client. */
export interface Relayed {
  from: string;
  fromUserId: string;
}
export interface MediaStatePayload extends MediaFlags {
  roomId: string;
}
export interface MediaStateEvent extends MediaStatePayload {
  peerId: string;
}
export interface CallPeerJoinedEvent {
  roomId: string;
  peer: CallPeer;
}
export interface CallPeerLeftEvent {
  roomId: string;
  peerId: string;
}
/** One getStats sample for one remote peer. */
export interface CallStatsSample {
  peerId: string;
  rttMs?: number | null;
  packetLossPct?: number | null;
  bitrateKbps?: number | null;
  frameRate?: number | null;
  width?: number | null;
  height?: number | null;
}
export interface CallStatsPayload {
  roomId: string;
  samples: CallStatsSample[];
}

export interface CallClientEvents {
  joinCall: (payload: JoinCallPayload, ack: AckCallback<JoinCallResult>) => void;
  leaveCall: (payload: RoomRef, ack: AckCallback<null>) => void;
  'webrtc-offer': (payload: SignalOfferPayload, ack: AckCallback<null>) => void;
  'webrtc-answer': (payload: SignalAnswerPayload, ack: AckCallback<null>) => void;
  'ice-candidate': (payload: SignalCandidatePayload, ack: AckCallback<null>) => void;
  mediaState: (payload: MediaStatePayload, ack: AckCallback<null>) => void;
  callStats: (payload: CallStatsPayload, ack: AckCallback<null>) => void;
}
export interface CallServerEvents {
  callPeerJoined: (event: CallPeerJoinedEvent) => void;
  callPeerLeft: (event: CallPeerLeftEvent) => void;
  'webrtc-offer': (event: SignalOfferPayload & Relayed) => void;
  'webrtc-answer': (event: SignalAnswerPayload & Relayed) => void;
  'ice-candidate': (event: SignalCandidatePayload & Relayed) => void;
  mediaState: (event: MediaStateEvent) => void;
  callMediaChanged: (event: CallMediaChangedEvent) => void;
}

export const CallClientEvent = {
  JoinCall: 'joinCall',
  LeaveCall: 'leaveCall',
  WebrtcOffer: 'webrtc-offer',
  WebrtcAnswer: 'webrtc-answer',
  IceCandidate: 'ice-candidate',
  MediaState: 'mediaState',
  CallStats: 'callStats',
} as const satisfies NamesOf<CallClientEvents>;
export const CallServerEvent = {
  CallPeerJoined: 'callPeerJoined',
  CallPeerLeft: 'callPeerLeft',
  WebrtcOffer: 'webrtc-offer',
  WebrtcAnswer: 'webrtc-answer',
  IceCandidate: 'ice-candidate',
  MediaState: 'mediaState',
  CallMediaChanged: 'callMediaChanged',
} as const satisfies NamesOf<CallServerEvents>;

true satisfies CoversExactly<
  (typeof CallClientEvent)[keyof typeof CallClientEvent],
  CallClientEvents
>;
true satisfies CoversExactly<
  (typeof CallServerEvent)[keyof typeof CallServerEvent],
  CallServerEvents
>;

/** Limits both sides agree on. */
export const SIGNAL_SDP_MAX_LENGTH = 20_000;
export const SIGNAL_CANDIDATE_MAX_LENGTH = 1_000;
/** SFU descriptions carry one m-line per stream received: a large call needs more room. */
export const SFU_SDP_MAX_LENGTH = 60_000;
