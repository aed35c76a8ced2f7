/** Tunables read once from localStorage (tests and benchmarks set them; people never need to). */
export interface VideoSettings {
  width: number;
  height: number;
  frameRate: number;
}

export interface CallSettings {
  video: VideoSettings;
  /** 'relay' forces every connection through TURN. */
  iceTransportPolicy: RTCIceTransportPolicy;
  /** Exposes read-only stats on window.__minimeetCall for browser tests. */
  testHooks: boolean;
}

export const CALL_SETTINGS_KEY = 'minimeet:call-settings';

export const DEFAULT_CALL_SETTINGS: CallSettings = {
  video: { width: 640, height: 360, frameRate: 24 },
  iceTransportPolicy: 'all',
  testHooks: false,
};

function bounded(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
    ? Math.round(value)
    : fallback;
}

/** Parses the stored JSON; anything missing or invalid keeps its default. */
export function parseCallSettings(raw: string | null): CallSettings {
  let value: unknown = null;
  try {
    value = raw ? JSON.parse(raw) : null;
  } catch {
    value = null;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_CALL_SETTINGS;
  const v = value as Record<string, unknown>;
  const video = (typeof v.video === 'object' && v.video !== null ? v.video : {}) as Record<
    string,
    unknown
  >;
  const d = DEFAULT_CALL_SETTINGS;
  return {
    video: {
      width: bounded(video.width, 160, 1920, d.video.width),
      height: bounded(video.height, 120, 1080, d.video.height),
      frameRate: bounded(video.frameRate, 1, 60, d.video.frameRate),
    },
    iceTransportPolicy: v.iceTransportPolicy === 'relay' ? 'relay' : 'all',
    testHooks: v.testHooks === true,
  };
}

export function loadCallSettings(): CallSettings {
  try {
    return parseCallSettings(window.localStorage.getItem(CALL_SETTINGS_KEY));
  } catch {
    return DEFAULT_CALL_SETTINGS;
  }
}
