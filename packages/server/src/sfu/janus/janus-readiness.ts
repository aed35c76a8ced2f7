import { setTimeout as sleep } from 'node:timers/promises';
import { JanusConnection } from './janus-client';
import { JANUS_ERROR, JanusRequestError } from './janus-errors';
import { describeError } from './typed-events';

const POLL_INTERVAL_MS = 100;

/**
 * Polls the WebSocket API until it accepts an authenticated request (create + destroy a
 * session with the API secret). A refused secret fails at once: retrying cannot fix it.
 */
export async function waitForJanusApi(
  url: string,
  apiSecret: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    try {
      const connection = await JanusConnection.connect(url, apiSecret, {
        connectTimeoutMs: 1_000,
        requestTimeoutMs: 2_000,
      });
      await connection.close();
      return;
    } catch (error) {
      if (error instanceof JanusRequestError && error.code === JANUS_ERROR.UNAUTHORIZED)
        throw error;
      lastError = describeError(error);
    }
    await sleep(POLL_INTERVAL_MS, undefined, { signal });
  }
  throw new Error(`Janus API at ${url} not ready after ${timeoutMs} ms (last error: ${lastError})`);
}

export function janusWsUrl(host: string, port: number): string {
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
