import type { CallMedia } from '@minimeet/contract';
import type { CallPhase } from './callState';
import type { PeerInbound } from './callSession';
import type { CallRegistry } from './callRegistry';

/** Read-only view of the current call for browser tests (installed only when settings ask). */
export interface CallTestHook {
  phase: () => CallPhase | null;
  peers: () => {
    peerId: string;
    username: string;
    audio: boolean;
    video: boolean;
    screen: boolean;
  }[];
  inbound: () => Promise<PeerInbound[]>;
  /** mesh or sfu. */
  media: () => CallMedia | null;
  /** What this page sends: one entry per outbound-rtp (simulcast layers are separate entries). */
  outbound: () => Promise<OutboundEntry[]>;
  /** Labels of the camera and microphone tracks in use (what is being sent). */
  localTracks: () => {
    audio: string | null;
    video: string | null;
    /** The camera itself; `processed` when a background effect is what is sent. */
    camera: string | null;
    processed: boolean;
  };
  /** Ends the camera or microphone track as an unplugged device does (the browser's `ended`). */
  unplug: (kind: 'audio' | 'video') => void;
}

export interface OutboundEntry {
  kind: string;
  mid: string | null;
  rid: string | null;
  mediaSourceId: string | null;
  framesEncoded: number;
  bytesSent: number;
}

declare global {
  interface Window {
    __minimeetCall?: CallTestHook;
  }
}

export function installTestHooks(registry: CallRegistry): void {
  window.__minimeetCall = {
    phase: () => registry.current()?.getState().phase ?? null,
    peers: () =>
      (registry.current()?.getState().peers ?? []).map((p) => ({
        peerId: p.peerId,
        username: p.username,
        ...p.media,
      })),
    inbound: () => registry.current()?.inbound() ?? Promise.resolve([]),
    media: () => registry.current()?.getState().media ?? null,
    localTracks: () => {
      const s = registry.current()?.media.getState();
      return {
        audio: s?.audioTrack?.label ?? null,
        video: s?.videoTrack?.label ?? null,
        camera: s?.cameraTrack?.label ?? null,
        processed: !!s?.videoTrack && s.videoTrack !== s.cameraTrack,
      };
    },
    unplug: (kind) => {
      const s = registry.current()?.media.getState();
      (kind === 'audio' ? s?.audioTrack : s?.videoTrack)?.dispatchEvent(new Event('ended'));
    },
    outbound: async () => {
      const entries = (await registry.current()?.outbound()) ?? [];
      const str = (v: unknown) => (typeof v === 'string' ? v : null);
      const num = (v: unknown) => (typeof v === 'number' ? v : 0);
      return entries.map((e) => ({
        kind: str(e.kind) ?? '',
        mid: str(e.mid),
        rid: str(e.rid),
        mediaSourceId: str(e.mediaSourceId),
        framesEncoded: num(e.framesEncoded),
        bytesSent: num(e.bytesSent),
      }));
    },
  };
}
