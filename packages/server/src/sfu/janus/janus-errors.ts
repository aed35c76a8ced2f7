import { describeError } from './typed-events';

/** A request Janus (or the videoroom plugin) refused, with its numeric error code if known. */
export class JanusRequestError extends Error {
  constructor(
    readonly request: string,
    readonly code: number | undefined,
    message: string,
  ) {
    super(`Janus ${request} failed: ${message}`);
    this.name = 'JanusRequestError';
  }
}

/** Janus API error codes used by callers (janus/apierror.h, videoroom plugin). */
export const JANUS_ERROR = {
  UNAUTHORIZED: 403,
  VIDEOROOM_NO_SUCH_ROOM: 426,
  VIDEOROOM_ROOM_EXISTS: 427,
} as const;

/** Wraps an error janode threw ("<code> <reason>", sometimes with `_code`) in a JanusRequestError. */
export function toJanusError(request: string, error: unknown): JanusRequestError {
  if (error instanceof JanusRequestError) return error;
  const message = describeError(error);
  const ownCode =
    typeof error === 'object' &&
    error !== null &&
    '_code' in error &&
    typeof error._code === 'number'
      ? error._code
      : undefined;
  const match = /^(\d{3}) /.exec(message);
  return new JanusRequestError(request, ownCode ?? (match ? Number(match[1]) : undefined), message);
}

/** Runs a janode request with a deadline (janode has none) and typed errors. */
export async function janusRequest<T>(
  request: string,
  run: () => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new JanusRequestError(request, undefined, `no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([run(), deadline]);
  } catch (error) {
    throw toJanusError(request, error);
  } finally {
    clearTimeout(timer);
  }
}
