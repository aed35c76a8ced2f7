/** A background effect on the camera: none, blurred, or replaced by a bundled image. */
export type BackgroundEffect = 'none' | 'blur' | 'image';

export const BACKGROUND_EFFECTS: readonly BackgroundEffect[] = ['none', 'blur', 'image'];

export function isBackgroundEffect(value: unknown): value is BackgroundEffect {
  return typeof value === 'string' && (BACKGROUND_EFFECTS as readonly string[]).includes(value);
}

/** Where the effect stands: `loading` while the model loads, `failed` with a reason. */
export type BackgroundStatus =
  | { state: 'off' }
  | { state: 'loading'; effect: BackgroundEffect }
  | { state: 'on'; effect: BackgroundEffect }
  | { state: 'failed'; effect: BackgroundEffect; reason: BackgroundProblem };

export type BackgroundProblem = 'unsupported' | 'load-failed';

export const BACKGROUND_MESSAGES: Record<BackgroundProblem, string> = {
  unsupported:
    'This browser cannot change the background (it lacks canvas capture or WebAssembly).',
  'load-failed': 'The background model could not be loaded. Try again later.',
};

/** Whether this browser has what the effect needs (canvas capture, WebAssembly). */
export function backgroundSupported(): boolean {
  return (
    typeof WebAssembly === 'object' &&
    typeof document !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    'captureStream' in HTMLCanvasElement.prototype
  );
}
