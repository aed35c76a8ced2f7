/** Public types of the Janus layer: a service needs these, never janode's. */

export interface Jsep {
  type: 'offer' | 'answer';
  sdp: string;
}

export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

export type MediaType = 'audio' | 'video' | 'data';

/** One m-line a publisher sends. */
export interface PublishedStream {
  type: MediaType;
  mid: string;
  codec?: string;
  description?: string;
  disabled: boolean;
  simulcast: boolean;
  talking?: boolean;
}

export interface RemotePublisher {
  id: number;
  display?: string;
  talking?: boolean;
  streams: PublishedStream[];
}

/** A feed (and optionally one of its m-lines) to subscribe to or to drop. */
export interface StreamSelector {
  feed: number;
  mid?: string;
}

/** One m-line of a subscriber's PeerConnection and the publisher stream it carries. */
export interface SubscribedStream {
  mid: string;
  type: MediaType;
  /** The publisher this m-line carries; absent for the shared data channel. */
  feedId?: number;
  feedMid?: string;
  feedDisplay?: string;
  /** The publisher's description of that m-line (e.g. "screen"). */
  feedDescription?: string;
  active: boolean;
  send: boolean;
}

export interface TalkingEvent {
  id: number;
  talking: boolean;
  /** Average audio level in dBov (0 = loudest, 127 = silence). */
  audioLevel?: number;
  mid?: string;
}

export interface HangupEvent {
  reason?: string;
}

/** Events of a publisher handle. */
export interface PublisherEvents {
  /** New publishers started publishing (also sent for late streams). */
  publishers: { publishers: RemotePublisher[] };
  /** A participant joined the room (notify_joining), not necessarily publishing yet. */
  joined: { id: number; display?: string };
  unpublished: { id: number };
  left: { id: number; reason?: string };
  talking: TalkingEvent;
  kicked: { id: number };
  roomDestroyed: { room: number };
  webrtcup: Record<string, never>;
  hangup: HangupEvent;
  detached: Record<string, never>;
}

/** Events of a subscriber handle. */
export interface SubscriberEvents {
  /** Janus renegotiated on its own (e.g. a publisher left): answer `offer` with `start()`. */
  updated: { offer?: Jsep; streams: SubscribedStream[] };
  webrtcup: Record<string, never>;
  hangup: HangupEvent;
  detached: Record<string, never>;
}
