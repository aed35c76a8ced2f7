/** Socket.IO contract: event names, payloads and the ack envelope. */
import type { ErrorCode, ErrorPayload } from './errors';
import type { ChatMessage, IceServer, Participant, PublicUser, RoomDetail } from './rest';

/** Every client -> server event is answered through its ack callback with this envelope. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };
export type AckCallback<T> = (response: Ack<T>) => void;

export const ClientEvent = {
  JoinRoom: 'joinRoom',
  LeaveRoom: 'leaveRoom',
  SendMessage: 'sendMessage',
  LoadMessageHistory: 'loadMessageHistory',
  Typing: 'typing',
  JoinCall: 'joinCall',
  LeaveCall: 'leaveCall',
  WebrtcOffer: 'webrtc-offer',
  WebrtcAnswer: 'webrtc-answer',
  IceCandidate: 'ice-candidate',
  MediaState: 'mediaState',
  CallStats: 'callStats',
} as const;

export const ServerEvent = {
  ParticipantsUpdate: 'participantsUpdate',
  NewMessage: 'newMessage',
  MessageError: 'messageError',
  Typing: 'typing',
  CallPeerJoined: 'callPeerJoined',
  CallPeerLeft: 'callPeerLeft',
  WebrtcOffer: 'webrtc-offer',
  WebrtcAnswer: 'webrtc-answer',
  IceCandidate: 'ice-candidate',
  MediaState: 'mediaState',
} as const;

/** Message of the `connect_error` raised when the handshake token is missing, bad or expired. */
export const UNAUTHORIZED_CONNECT_ERROR = 'unauthorized';

// ---- chat payloads ----
export interface RoomRef {
  roomId: string;
}
export interface JoinRoomResult {
  room: RoomDetail;
  participants: Participant[];
}
export interface SendMessagePayload {
  roomId: string;
  content: string;
  clientMessageId: string;
}
export interface SendMessageResult {
  message: ChatMessage;
}
export interface LoadHistoryPayload {
  roomId: string;
  before?: string;
  limit?: number;
}
export interface LoadHistoryResult {
  messages: ChatMessage[];
  nextCursor: string | null;
}
export interface TypingPayload {
  roomId: string;
  isTyping: boolean;
}
export interface TypingEvent extends TypingPayload {
  userId: string;
  username: string;
}
export interface ParticipantsUpdateEvent {
  roomId: string;
  participants: Participant[];
}
export interface MessageErrorEvent {
  code: ErrorCode;
  message: string;
  clientMessageId: string;
}

// ---- call payloads ----
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
export interface JoinCallResult {
  callId: string;
  peerId: string;
  peers: CallPeer[];
  iceServers: IceServer[];
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

export interface ClientToServerEvents {
  joinRoom: (payload: RoomRef, ack: AckCallback<JoinRoomResult>) => void;
  leaveRoom: (payload: RoomRef, ack: AckCallback<{ roomId: string }>) => void;
  sendMessage: (payload: SendMessagePayload, ack: AckCallback<SendMessageResult>) => void;
  loadMessageHistory: (payload: LoadHistoryPayload, ack: AckCallback<LoadHistoryResult>) => void;
  typing: (payload: TypingPayload, ack: AckCallback<null>) => void;
  joinCall: (payload: JoinCallPayload, ack: AckCallback<JoinCallResult>) => void;
  leaveCall: (payload: RoomRef, ack: AckCallback<null>) => void;
  'webrtc-offer': (payload: SignalOfferPayload, ack: AckCallback<null>) => void;
  'webrtc-answer': (payload: SignalAnswerPayload, ack: AckCallback<null>) => void;
  'ice-candidate': (payload: SignalCandidatePayload, ack: AckCallback<null>) => void;
  mediaState: (payload: MediaStatePayload, ack: AckCallback<null>) => void;
  callStats: (payload: CallStatsPayload, ack: AckCallback<null>) => void;
}

export interface ServerToClientEvents {
  participantsUpdate: (event: ParticipantsUpdateEvent) => void;
  newMessage: (message: ChatMessage) => void;
  messageError: (event: MessageErrorEvent) => void;
  typing: (event: TypingEvent) => void;
  callPeerJoined: (event: CallPeerJoinedEvent) => void;
  callPeerLeft: (event: CallPeerLeftEvent) => void;
  'webrtc-offer': (event: SignalOfferPayload & Relayed) => void;
  'webrtc-answer': (event: SignalAnswerPayload & Relayed) => void;
  'ice-candidate': (event: SignalCandidatePayload & Relayed) => void;
  mediaState: (event: MediaStateEvent) => void;
}

/** Data the server keeps on each socket after the handshake. */
export type SocketUser = PublicUser;

/** Limits both sides agree on. */
export const SIGNAL_SDP_MAX_LENGTH = 20_000;
export const SIGNAL_CANDIDATE_MAX_LENGTH = 1_000;
export const CALL_MAX_PEERS_DEFAULT = 4;
