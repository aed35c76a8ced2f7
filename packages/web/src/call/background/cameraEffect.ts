import type { BackgroundEffect, BackgroundStatus } from './effect';
import { backgroundSupported } from './effect';

/** Turns a camera track into one with its background changed (loaded only when needed). */
export type CameraProcessor = (
  camera: MediaStreamTrack,
  effect: Exclude<BackgroundEffect, 'none'>,
) => Promise<{ track: MediaStreamTrack; stop: () => void }>;

const loadProcessor: CameraProcessor = async (camera, effect) => {
  const { processCamera } = await import('./processor');
  return processCamera(camera, effect);
};

/** What the camera effect reads from, and writes to, the local media store. */
interface EffectHost {
  current: () => { cameraTrack: MediaStreamTrack | null; backgroundEffect: BackgroundEffect };
  publish: (patch: { videoTrack?: MediaStreamTrack | null; background: BackgroundStatus }) => void;
}

export interface CameraEffect {
  /** Puts the chosen effect on the current camera (or takes it off). */
  apply: () => Promise<void>;
  /** Stops the running processing; an `apply` still loading is dropped. */
  stop: () => void;
}

/**
 * The background effect of the camera: the transports see a new `videoTrack` and replace their
 * sender's track (no renegotiation). A failure falls back to the plain camera.
 */
export function createCameraEffect(
  host: EffectHost,
  options: { processCamera?: CameraProcessor; supported?: () => boolean } = {},
): CameraEffect {
  const processCamera = options.processCamera ?? loadProcessor;
  const supported = options.supported ?? backgroundSupported;
  /** The running background processing of the current camera, if any. */
  let processed: { track: MediaStreamTrack; stop: () => void } | null = null;
  let run = 0;

  async function apply(): Promise<void> {
    const mine = ++run;
    const { cameraTrack: camera, backgroundEffect: effect } = host.current();
    const previous = processed;
    processed = null;
    if (effect === 'none' || !camera) {
      host.publish({ videoTrack: camera, background: { state: 'off' } });
      previous?.stop();
      return;
    }
    if (!supported()) {
      host.publish({
        videoTrack: camera,
        background: { state: 'failed', effect, reason: 'unsupported' },
      });
      previous?.stop();
      return;
    }
    host.publish({ background: { state: 'loading', effect } });
    try {
      const next = await processCamera(camera, effect);
      if (mine !== run || host.current().cameraTrack !== camera) {
        next.stop();
        return;
      }
      processed = next;
      host.publish({ videoTrack: next.track, background: { state: 'on', effect } });
    } catch {
      if (mine !== run) return;
      host.publish({
        videoTrack: camera,
        background: { state: 'failed', effect, reason: 'load-failed' },
      });
    } finally {
      // The old processing stops only once the new track is in place (no gap for the others).
      previous?.stop();
    }
  }

  return {
    apply,
    stop: () => {
      run += 1;
      processed?.stop();
      processed = null;
    },
  };
}
