import type { AudioProcessing } from './localMedia';
import { isBackgroundEffect, type BackgroundEffect } from './background/effect';

/** What a person chose for their media and wants kept across calls and visits (this browser). */
export interface MediaPrefs {
  audioProcessing: AudioProcessing;
  background: BackgroundEffect;
}

export const MEDIA_PREFS_KEY = 'minimeet:media-prefs';

const DEFAULTS: MediaPrefs = {
  audioProcessing: { noiseSuppression: true, echoCancellation: true },
  background: 'none',
};

/** Parses the stored JSON; anything missing or invalid keeps its default. */
export function parseMediaPrefs(raw: string | null): MediaPrefs {
  let value: unknown = null;
  try {
    value = raw ? JSON.parse(raw) : null;
  } catch {
    value = null;
  }
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const ap = (
    typeof v.audioProcessing === 'object' && v.audioProcessing !== null ? v.audioProcessing : {}
  ) as Record<string, unknown>;
  const flag = (x: unknown, fallback: boolean): boolean => (typeof x === 'boolean' ? x : fallback);
  return {
    audioProcessing: {
      noiseSuppression: flag(ap.noiseSuppression, DEFAULTS.audioProcessing.noiseSuppression),
      echoCancellation: flag(ap.echoCancellation, DEFAULTS.audioProcessing.echoCancellation),
    },
    background: isBackgroundEffect(v.background) ? v.background : DEFAULTS.background,
  };
}

export function loadMediaPrefs(): MediaPrefs {
  try {
    return parseMediaPrefs(window.localStorage.getItem(MEDIA_PREFS_KEY));
  } catch {
    return DEFAULTS;
  }
}

export function saveMediaPrefs(prefs: MediaPrefs): void {
  try {
    window.localStorage.setItem(MEDIA_PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
}
