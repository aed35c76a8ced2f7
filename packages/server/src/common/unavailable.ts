import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { OutageLog } from './outage-log';

/** Driver codes of a database or Redis that cannot be reached, or does not answer in time. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_CLOSED',
]);

/** ioredis messages when the connection is closed or a command ran out of retries. */
const REDIS_DOWN = /Connection is closed|max retries per request|Stream isn't writeable/i;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True when the error says a backing service (the database, Redis) is unreachable or hung, not
 * that the request or the code is wrong: the client may retry later (UNAVAILABLE, 503).
 */
export function isUnavailableError(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = codeOf(cause) ?? codeOf(error);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  if (cause instanceof Error && /connect ETIMEDOUT|Query inactivity timeout/i.test(cause.message))
    return true;
  return error instanceof Error && REDIS_DOWN.test(error.message);
}

/** One warning per outage for the whole process, whichever path met it (socket ack or HTTP). */
export const backendOutages = new OutageLog(new Logger('Backend'), 'database or Redis');
