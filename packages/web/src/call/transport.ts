import type { IceCandidateInit, SessionDescription } from '@minimeet/contract';
import type { StatsEntry, TrackRole } from './stats';

/**
 * The media layer behind a call. The full mesh (meshTransport.ts) is one implementation; an SFU
 * transport can take its place later: the engine only speaks this interface.
 */
export interface MediaTransport {
  /** Starts exchanging media with a participant (everyone already there, then each newcomer). */
  addPeer: (peerId: string) => void;
  removePeer: (peerId: string) => void;
  /** Swaps the microphone / camera track sent to everybody (null sends nothing). */
  setLocalTracks: (tracks: LocalTracks) => void;
  /** Starts (track) or stops (null) sending a screen share to everybody. */
  setScreenTrack: (track: MediaStreamTrack | null) => void;
  /** Raw stats about what one participant sends us, with the role of each media section. */
  getStats: (peerId: string) => Promise<PeerStats | null>;
  /** Latest received audio level of a participant, 0..1, or null when unknown. */
  getAudioLevel: (peerId: string) => number | null;
  close: () => void;
}

export interface LocalTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

export interface RemoteMedia {
  /** Microphone and camera of the participant, one stream for one tile. */
  camera: MediaStream | null;
  screen: MediaStream | null;
}

export interface PeerStats {
  entries: StatsEntry[];
  roleOfMid: (mid: string | undefined) => TrackRole | undefined;
  /** ICE gathering of our side, and error codes STUN/TURN servers answered (e.g. 401). */
  gathering: RTCIceGatheringState;
  iceErrorCodes: readonly number[];
}

/** What a transport tells the engine. */
export interface TransportEvents {
  onRemoteMedia: (peerId: string, media: RemoteMedia) => void;
  onConnectionState: (peerId: string, state: RTCPeerConnectionState) => void;
}

/** Signalling between peers, addressed by peerId (the server adds and checks `from`). */
export type SignalMessage =
  | { kind: 'description'; description: SessionDescription }
  | { kind: 'candidate'; candidate: IceCandidateInit };

export interface SignalChannel {
  send: (to: string, message: SignalMessage) => void;
  subscribe: (handler: (from: string, message: SignalMessage) => void) => () => void;
}

export interface TransportContext {
  selfPeerId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  signal: SignalChannel;
  local: LocalTracks;
  events: TransportEvents;
}

export type TransportFactory = (context: TransportContext) => MediaTransport;
