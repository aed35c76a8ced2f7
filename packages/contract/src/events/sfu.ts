/**
 * SFU signalling over Socket.IO. Browsers never speak the Janus API: the server checks room and
 * call membership on every request and talks to Janus itself. Each participant has one publisher
 * connection (sends its microphone, camera with simulcast layers, and screen) and one subscriber
 * connection (receives everyone else, renegotiated by the server as people come and go).
 */
import type { AckCallback, CoversExactly, NamesOf, RoomRef } from './common';
import type { IceCandidateInit, SessionDescription } from './calls';

/** What a media section carries: the participant's camera+microphone, or their shared screen. */
export type SfuTrackRole = 'camera' | 'screen';

/** One media section (m-line) of the subscriber connection. */
export interface SfuStream {
  mid: string;
  kind: 'audio' | 'video';
  /** The call peer this stream comes from. */
  peerId: string;
  role: SfuTrackRole;
  /** False when the source stopped sending it (an inactive m-line kept for reuse). */
  active: boolean;
}

export interface SfuJoinResult {
  /** Participants already publishing (the subscriber offer follows as an sfuOffer event). */
  publishers: number;
}
export interface SfuPublishPayload {
  roomId: string;
  offer: SessionDescription;
  /** mid of the screen-share video section, if the offer has one. */
  screenMid?: string | null;
}
export interface SfuPublishResult {
  answer: SessionDescription;
}
export interface SfuAnswerPayload {
  roomId: string;
  answer: SessionDescription;
}
export type SfuTarget = 'publisher' | 'subscriber';
export interface SfuCandidatePayload {
  roomId: string;
  target: SfuTarget;
  /** null: this side finished gathering. */
  candidate: IceCandidateInit | null;
}
/** Simulcast layer a tile needs: 0 = smallest, 2 = full resolution. */
export type SfuLayer = 0 | 1 | 2;
export interface SfuStreamSetting {
  mid: string;
  /** False pauses the stream (an off-screen tile). */
  send: boolean;
  layer?: SfuLayer;
}
export interface SfuConfigurePayload {
  roomId: string;
  streams: SfuStreamSetting[];
}

/** A new subscriber offer: answer it with sfuAnswer. `version` increases with each offer. */
export interface SfuOfferEvent {
  roomId: string;
  offer: SessionDescription;
  streams: SfuStream[];
  version: number;
}
/** Janus's voice activity for one participant (drives the active-speaker view). */
export interface SfuTalkingEvent {
  roomId: string;
  peerId: string;
  talking: boolean;
}
/** The SFU lost this call's media (its engine restarted or moved): join and publish again. */
export interface SfuRestartEvent {
  roomId: string;
}

export interface SfuClientEvents {
  sfuJoin: (payload: RoomRef, ack: AckCallback<SfuJoinResult>) => void;
  sfuPublish: (payload: SfuPublishPayload, ack: AckCallback<SfuPublishResult>) => void;
  sfuAnswer: (payload: SfuAnswerPayload, ack: AckCallback<null>) => void;
  sfuCandidate: (payload: SfuCandidatePayload, ack: AckCallback<null>) => void;
  sfuConfigure: (payload: SfuConfigurePayload, ack: AckCallback<null>) => void;
}
export interface SfuServerEvents {
  sfuOffer: (event: SfuOfferEvent) => void;
  sfuTalking: (event: SfuTalkingEvent) => void;
  sfuRestart: (event: SfuRestartEvent) => void;
}

export const SfuClientEvent = {
  SfuJoin: 'sfuJoin',
  SfuPublish: 'sfuPublish',
  SfuAnswer: 'sfuAnswer',
  SfuCandidate: 'sfuCandidate',
  SfuConfigure: 'sfuConfigure',
} as const satisfies NamesOf<SfuClientEvents>;
export const SfuServerEvent = {
  SfuOffer: 'sfuOffer',
  SfuTalking: 'sfuTalking',
  SfuRestart: 'sfuRestart',
} as const satisfies NamesOf<SfuServerEvents>;

true satisfies CoversExactly<(typeof SfuClientEvent)[keyof typeof SfuClientEvent], SfuClientEvents>;
true satisfies CoversExactly<(typeof SfuServerEvent)[keyof typeof SfuServerEvent], SfuServerEvents>;

export const SFU_MAX_STREAM_SETTINGS = 200;
