import type { CallMedia, IceCandidateInit, SessionDescription, SfuLayer } from '@minimeet/contract';
import type { Connection } from '../lib/socket';
import type { StatsEntry, TrackRole } from './stats';

/**
 * The media layer behind a call. The full mesh (meshTransport.ts) and the SFU (sfu/) are the two
 * implementations; the engine and the UI only speak this interface.
 */
export interface MediaTransport {
  /** Starts exchanging media with a participant (everyone already there, then each newcomer). */
  addPeer: (peerId: string) => void;
  removePeer: (peerId: string) => void;
  /** Swaps the microphone / camera track sent to everybody (null sends nothing). */
  setLocalTracks: (tracks: LocalTracks) => void;
  /** Starts (track) or stops (null) sending a screen share to everybody. */
  setScreenTrack: (track: MediaStreamTrack | null) => void;
  /** Which remote videos are on screen and how large (the SFU forwards only those; mesh ignores it). */
  setReceiveView: (view: ReceiveView) => void;
  /** Raw stats about what one participant sends us, with the role of each media section. */
  getStats: (peerId: string) => Promise<PeerStats | null>;
  /** outbound-rtp entries of everything we send (tests and diagnostics). */
  outboundStats: () => Promise<StatsEntry[]>;
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

/** What the UI shows of one remote video: hidden (another grid page) or at some size. */
export interface TileReceive {
  visible: boolean;
  layer: SfuLayer;
}
/** Keyed by receiveKey(peerId, role). A video missing from the view is received in full. */
export type ReceiveView = ReadonlyMap<string, TileReceive>;
export const receiveKey = (peerId: string, role: 'camera' | 'screen'): string =>
  `${peerId}/${role}`;

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
  /** The media server's voice activity detection (SFU only). */
  onTalking: (peerId: string, talking: boolean) => void;
  /** The transport lost its media and is setting it up again (SFU restart). */
  onReconnecting: (reconnecting: boolean) => void;
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
  roomId: string;
  /** Which implementation the factory should build. */
  media: CallMedia;
  selfPeerId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  /** Peer-to-peer signalling (mesh). */
  signal: SignalChannel;
  /** The socket connection (SFU signalling talks to the server directly). */
  request: Connection['request'];
  on: Connection['on'];
  local: LocalTracks;
  /** The camera size asked for (decides simulcast before the camera track exists). */
  video: { width: number; height: number };
  events: TransportEvents;
}

export type TransportFactory = (context: TransportContext) => MediaTransport;
