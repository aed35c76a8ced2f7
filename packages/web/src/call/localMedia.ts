import { createStore, type ReadableStore } from '../lib/store';
import { classifyMediaError, type MediaProblem } from './mediaErrors';
import type { VideoSettings } from './settings';
import type { BackgroundEffect, BackgroundStatus } from './background/effect';
import { createCameraEffect, type CameraProcessor } from './background/cameraEffect';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DeviceLists {
  audioInput: DeviceOption[];
  videoInput: DeviceOption[];
  /** Empty when the browser cannot choose where audio plays. */
  audioOutput: DeviceOption[];
}

export type DeviceKind = 'audioInput' | 'videoInput' | 'audioOutput';

/** The browser's own processing of the microphone (constraints), on by default. */
export interface AudioProcessing {
  noiseSuppression: boolean;
  echoCancellation: boolean;
}

export interface LocalMediaState {
  /** Microphone and camera together (a new object whenever a track changes). */
  stream: MediaStream | null;
  audioTrack: MediaStreamTrack | null;
  /** What the transports send: the camera, or the camera with its background changed. */
  videoTrack: MediaStreamTrack | null;
  /** The camera itself (equal to `videoTrack` when no background effect is on). */
  cameraTrack: MediaStreamTrack | null;
  /** The chosen background effect, and where applying it stands. */
  backgroundEffect: BackgroundEffect;
  background: BackgroundStatus;
  /** What the person wants: a muted microphone keeps its track with `enabled = false`. */
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioProblem: MediaProblem | null;
  videoProblem: MediaProblem | null;
  acquiring: boolean;
  screen: MediaStream | null;
  screenProblem: MediaProblem | null;
  devices: DeviceLists;
  selected: Record<DeviceKind, string | null>;
  audioProcessing: AudioProcessing;
  /** Said once when a device in use went away and another took its place (or none could). */
  deviceNotice: string | null;
}

const INITIAL: LocalMediaState = {
  stream: null,
  audioTrack: null,
  videoTrack: null,
  cameraTrack: null,
  backgroundEffect: 'none',
  background: { state: 'off' },
  audioEnabled: true,
  videoEnabled: true,
  audioProblem: null,
  videoProblem: null,
  acquiring: false,
  screen: null,
  screenProblem: null,
  devices: { audioInput: [], videoInput: [], audioOutput: [] },
  selected: { audioInput: null, videoInput: null, audioOutput: null },
  audioProcessing: { noiseSuppression: true, echoCancellation: true },
  deviceNotice: null,
};

export interface LocalMedia extends ReadableStore<LocalMediaState> {
  /** Opens microphone and camera (whatever is available); resolves when done, never rejects. */
  acquire: () => Promise<void>;
  selectDevice: (kind: DeviceKind, deviceId: string) => Promise<void>;
  setAudioEnabled: (on: boolean) => void;
  setVideoEnabled: (on: boolean) => void;
  /** Turns the browser's noise suppression or echo cancellation on or off, on the live track. */
  setAudioProcessing: (patch: Partial<AudioProcessing>) => Promise<void>;
  dismissDeviceNotice: () => void;
  /** Blurs or replaces the camera's background (or not); remembered, kept across camera switches. */
  setBackground: (effect: BackgroundEffect) => Promise<void>;
  /** Asks the browser for a screen, window or tab; resolves false when refused. */
  startScreen: () => Promise<boolean>;
  stopScreen: () => void;
  /** Stops every track (the camera light goes off). */
  release: () => void;
}

type Kind = 'audio' | 'video';

/** Camera, microphone and screen capture of this browser, as a store. */
export function createLocalMedia(options: {
  video: () => VideoSettings;
  devices?: MediaDevices;
  audioProcessing?: AudioProcessing;
  /** Called with the new choice when the person changes the audio processing (to keep it). */
  rememberAudioProcessing?: (value: AudioProcessing) => void;
  backgroundEffect?: BackgroundEffect;
  rememberBackground?: (value: BackgroundEffect) => void;
  /** Replaces the real (lazily loaded) background processing, for tests. */
  processCamera?: CameraProcessor;
  backgroundSupported?: () => boolean;
}): LocalMedia {
  const store = createStore<LocalMediaState>({
    ...INITIAL,
    audioProcessing: options.audioProcessing ?? INITIAL.audioProcessing,
    backgroundEffect: options.backgroundEffect ?? 'none',
  });
  const effect = createCameraEffect(
    { current: () => store.getState(), publish: (patch) => publish(patch) },
    { processCamera: options.processCamera, supported: options.backgroundSupported },
  );
  const md = (): MediaDevices | undefined => options.devices ?? globalThis.navigator?.mediaDevices;
  let inflight: Promise<void> | null = null;
  let generation = 0;

  function constraints(kind: Kind): MediaTrackConstraints {
    const s = store.getState().selected;
    if (kind === 'audio') {
      const { echoCancellation, noiseSuppression } = store.getState().audioProcessing;
      return {
        deviceId: s.audioInput ? { exact: s.audioInput } : undefined,
        echoCancellation,
        noiseSuppression,
      };
    }
    const v = options.video();
    return {
      deviceId: s.videoInput ? { exact: s.videoInput } : undefined,
      width: { ideal: v.width },
      height: { ideal: v.height },
      frameRate: { ideal: v.frameRate, max: v.frameRate },
    };
  }

  function publish(patch: Partial<LocalMediaState>): void {
    store.setState((prev) => {
      const next = { ...prev, ...patch };
      const tracks = [next.audioTrack, next.videoTrack].filter(
        (t): t is MediaStreamTrack => t !== null,
      );
      if (next.audioTrack !== prev.audioTrack || next.videoTrack !== prev.videoTrack) {
        next.stream = tracks.length > 0 ? new MediaStream(tracks) : null;
      }
      if (next.audioTrack) next.audioTrack.enabled = next.audioEnabled;
      if (next.videoTrack) next.videoTrack.enabled = next.videoEnabled;
      return next;
    });
  }

  async function open(
    kinds: Kind[],
  ): Promise<Partial<Record<Kind, MediaStreamTrack | MediaProblem>>> {
    const devices = md();
    if (!devices?.getUserMedia)
      return Object.fromEntries(kinds.map((k) => [k, 'unsupported' as const]));
    try {
      const stream = await devices.getUserMedia(
        Object.fromEntries(kinds.map((k) => [k, constraints(k)])),
      );
      return {
        audio: kinds.includes('audio') ? (stream.getAudioTracks()[0] ?? 'no-device') : undefined,
        video: kinds.includes('video') ? (stream.getVideoTracks()[0] ?? 'no-device') : undefined,
      };
    } catch (error) {
      if (kinds.length === 1) return { [kinds[0] as Kind]: classifyMediaError(error) };
      // One missing or refused device must not cost the other one: ask for each alone.
      const [a, v] = await Promise.all([open(['audio']), open(['video'])]);
      return { ...a, ...v };
    }
  }

  async function refreshDevices(): Promise<void> {
    const list =
      (await md()
        ?.enumerateDevices()
        .catch(() => [])) ?? [];
    const pick = (kind: MediaDeviceKind, word: string): DeviceOption[] =>
      list
        .filter((d) => d.kind === kind && d.deviceId !== '')
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${word} ${i + 1}` }));
    const canChooseOutput =
      typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
    publish({
      devices: {
        audioInput: pick('audioinput', 'Microphone'),
        videoInput: pick('videoinput', 'Camera'),
        audioOutput: canChooseOutput ? pick('audiooutput', 'Speaker') : [],
      },
    });
  }

  function settle(
    kind: Kind,
    result: MediaStreamTrack | MediaProblem | undefined,
    gen: number,
  ): void {
    if (result === undefined) return;
    if (typeof result === 'string') {
      publish(kind === 'audio' ? { audioProblem: result } : { videoProblem: result });
    } else if (gen !== generation) {
      result.stop();
    } else {
      const s = store.getState();
      const selected = {
        ...s.selected,
        [kind === 'audio' ? 'audioInput' : 'videoInput']: result.getSettings().deviceId ?? null,
      };
      if (kind === 'audio') s.audioTrack?.stop();
      else stopCamera();
      watchDevice();
      // Unplugged (or taken by the system): the track ends by itself; a stop() of ours does not.
      result.addEventListener('ended', () => void replaceLost(kind, result));
      publish(
        kind === 'audio'
          ? { audioTrack: result, audioProblem: null, selected }
          : { videoTrack: result, cameraTrack: result, videoProblem: null, selected },
      );
      if (kind === 'video') void effect.apply();
    }
  }

  /** Stops the camera and its processing (the transports then see no video track). */
  function stopCamera(): void {
    effect.stop();
    store.getState().cameraTrack?.stop();
  }

  const deviceWord = (kind: Kind): string => (kind === 'audio' ? 'microphone' : 'camera');

  /**
   * A device in use went away: the default one (or the next there is) takes its place, with a
   * notice; without another the problem says there is none.
   */
  async function replaceLost(kind: Kind, lost: MediaStreamTrack): Promise<void> {
    const s = store.getState();
    if ((kind === 'audio' ? s.audioTrack : s.cameraTrack) !== lost) return;
    const key = kind === 'audio' ? 'audioInput' : 'videoInput';
    if (kind === 'video') stopCamera();
    publish({
      selected: { ...s.selected, [key]: null },
      ...(kind === 'audio' ? { audioTrack: null } : { videoTrack: null, cameraTrack: null }),
    });
    await acquireKinds([kind]);
    const now = store.getState();
    const track = kind === 'audio' ? now.audioTrack : now.videoTrack;
    const label = now.devices[key].find((d) => d.deviceId === now.selected[key])?.label;
    publish({
      deviceNotice: track
        ? `Your ${deviceWord(kind)} was disconnected: now using ${label ?? 'another one'}.`
        : `Your ${deviceWord(kind)} was disconnected, and there is no other one.`,
    });
  }

  let watching = false;
  /** Keeps the device lists current as devices are plugged in and out (once per LocalMedia). */
  function watchDevice(): void {
    const devices = md();
    if (watching || !devices?.addEventListener) return;
    watching = true;
    devices.addEventListener('devicechange', () => void onDeviceChange());
  }

  async function onDeviceChange(): Promise<void> {
    await refreshDevices();
    const s = store.getState();
    // A device that left the list without its track ending (some browsers): replace it too.
    for (const kind of ['audio', 'video'] as const) {
      const track = kind === 'audio' ? s.audioTrack : s.cameraTrack;
      const list = s.devices[kind === 'audio' ? 'audioInput' : 'videoInput'];
      const id = track?.getSettings().deviceId;
      if (track && id && list.length > 0 && !list.some((d) => d.deviceId === id))
        await replaceLost(kind, track);
    }
  }

  async function acquireKinds(kinds: Kind[]): Promise<void> {
    const gen = generation;
    publish({ acquiring: true });
    const result = await open(kinds);
    settle('audio', result.audio, gen);
    settle('video', result.video, gen);
    publish({ acquiring: false });
    await refreshDevices();
  }

  function acquire(): Promise<void> {
    const s = store.getState();
    const missing: Kind[] = [];
    if (!s.audioTrack) missing.push('audio');
    if (!s.cameraTrack) missing.push('video');
    if (missing.length === 0) return Promise.resolve();
    inflight ??= acquireKinds(missing).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  function stopScreen(): void {
    const screen = store.getState().screen;
    if (!screen) return;
    for (const t of screen.getTracks()) t.stop();
    publish({ screen: null });
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    acquire,
    selectDevice: async (kind, deviceId) => {
      publish({ selected: { ...store.getState().selected, [kind]: deviceId } });
      if (kind === 'audioOutput') return;
      await (inflight ?? Promise.resolve());
      await acquireKinds([kind === 'audioInput' ? 'audio' : 'video']);
    },
    setAudioEnabled: (on) => publish({ audioEnabled: on }),
    setAudioProcessing: async (patch) => {
      const audioProcessing = { ...store.getState().audioProcessing, ...patch };
      publish({ audioProcessing });
      options.rememberAudioProcessing?.(audioProcessing);
      const track = store.getState().audioTrack;
      if (!track) return;
      try {
        await track.applyConstraints(constraints('audio'));
      } catch {
        // The browser cannot change it on a live track: open the microphone again with it.
        await acquireKinds(['audio']);
      }
    },
    dismissDeviceNotice: () => publish({ deviceNotice: null }),
    setBackground: async (chosen) => {
      publish({ backgroundEffect: chosen });
      options.rememberBackground?.(chosen);
      await effect.apply();
    },
    setVideoEnabled: (on) => publish({ videoEnabled: on }),
    startScreen: async () => {
      const devices = md();
      if (!devices?.getDisplayMedia) {
        publish({ screenProblem: 'unsupported' });
        return false;
      }
      try {
        const screen = await devices.getDisplayMedia({
          video: { frameRate: { ideal: 15, max: 30 } },
          audio: false,
        });
        stopScreen();
        // The browser's own "Stop sharing" ends the track.
        screen.getVideoTracks()[0]?.addEventListener('ended', () => {
          if (store.getState().screen === screen) stopScreen();
        });
        publish({ screen, screenProblem: null });
        return true;
      } catch (error) {
        publish({ screenProblem: classifyMediaError(error) });
        return false;
      }
    },
    stopScreen,
    release: () => {
      generation += 1;
      const s = store.getState();
      s.audioTrack?.stop();
      stopCamera();
      stopScreen();
      publish({
        audioTrack: null,
        videoTrack: null,
        cameraTrack: null,
        background: { state: 'off' },
        audioProblem: null,
        videoProblem: null,
        acquiring: false,
      });
    },
  };
}
