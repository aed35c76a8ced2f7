/** Why a camera or microphone could not be used; the UI words each one for people. */
export type MediaProblem =
  'permission-denied' | 'no-device' | 'device-busy' | 'unsupported' | 'unknown';

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    const { name } = error;
    if (typeof name === 'string') return name;
  }
  return '';
}

/** Maps a getUserMedia / getDisplayMedia rejection to a problem code. */
export function classifyMediaError(error: unknown): MediaProblem {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-device';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'device-busy';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'unknown';
  }
}

const DEVICE_WORD = { audio: 'microphone', video: 'camera' } as const;

/** A sentence for a person, for one kind of device. */
export function mediaProblemMessage(kind: 'audio' | 'video', problem: MediaProblem): string {
  const device = DEVICE_WORD[kind];
  switch (problem) {
    case 'permission-denied':
      return `Permission to use your ${device} was denied. Allow it in your browser's site settings, or join without it.`;
    case 'no-device':
      return `No ${device} was found. You can still join without it.`;
    case 'device-busy':
      return `Your ${device} is in use by another application or could not be started.`;
    case 'unsupported':
      return `This browser cannot use a ${device} here (a secure https:// address is needed).`;
    default:
      return `Your ${device} could not be started. You can still join without it.`;
  }
}
