import type { MediaFlags } from '@minimeet/contract';
import { AudioLevelMeter } from './audioLevel';
import { sameFlags } from './callState';
import type { LocalMedia, LocalMediaState } from './localMedia';

/** What the call sends: microphone, camera and screen tracks. */
export interface SentTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

/** What the others are told we send (a muted microphone keeps its track but counts as off). */
export function mediaFlags(m: LocalMediaState): MediaFlags {
  return {
    audio: m.audioTrack !== null && m.audioEnabled,
    video: m.videoTrack !== null && m.videoEnabled,
    screen: m.screen !== null,
  };
}

/** The flags to join with while devices may still be starting (corrected by mediaState later). */
export function intendedFlags(m: LocalMediaState): MediaFlags {
  const wanted = (track: MediaStreamTrack | null, enabled: boolean, problem: unknown) =>
    enabled && problem === null && (track !== null || m.acquiring);
  return {
    audio: wanted(m.audioTrack, m.audioEnabled, m.audioProblem),
    video: wanted(m.videoTrack, m.videoEnabled, m.videoProblem),
    screen: m.screen !== null,
  };
}

export function sentTracks(m: LocalMediaState): SentTracks {
  return {
    audio: m.audioTrack,
    video: m.videoTrack,
    screen: m.screen?.getVideoTracks()[0] ?? null,
  };
}

/** Our own microphone level (0 while muted), following track changes. */
export function createLocalLevel(media: LocalMedia): { level: () => number; close: () => void } {
  let meter: AudioLevelMeter | null = null;
  let track: MediaStreamTrack | null = null;
  const close = () => {
    meter?.close();
    meter = null;
    track = null;
  };
  return {
    level: () => {
      const m = media.getState();
      if (!m.audioTrack || !m.audioEnabled) return 0;
      if (track !== m.audioTrack) {
        close();
        track = m.audioTrack;
        meter = new AudioLevelMeter(m.audioTrack);
      }
      return meter?.level() ?? 0;
    },
    close,
  };
}

/** Sends mediaState only when the flags differ from what the others last heard. */
export function createAnnouncer(send: (flags: MediaFlags) => Promise<unknown>) {
  let announced: MediaFlags | null = null;
  return {
    announce: (flags: MediaFlags) => {
      if (announced && sameFlags(announced, flags)) return;
      announced = flags;
      send(flags).catch(() => {
        announced = null;
      });
    },
    /** A new session: the others know nothing yet. */
    reset: () => {
      announced = null;
    },
  };
}
