import { ErrorCode, type ErrorPayload } from '@minimeet/contract';

export const RATE_LIMITED_MESSAGE = 'Too many requests, slow down';
export const BUSY_MESSAGE = 'The server is busy, try again in a moment';

/** The ack of a refused socket event: the contract's `{ ok: false, error }`, read-only. */
export type RefusalAck = Readonly<{ ok: false; error: Readonly<ErrorPayload> }>;

function frozenRefusal(code: ErrorCode, message: string): RefusalAck {
  return Object.freeze({ ok: false, error: Object.freeze({ code, message }) });
}

/**
 * Refusal acks built once. Under overload a process refuses tens of thousands of frames a second:
 * answering each with one of these allocates nothing and captures no stack trace, where an
 * `AppError` per refusal did both. The body is what `AppError.toPayload()` gives for the same code
 * (the retry-after seconds of RATE_LIMITED are an HTTP header, never in a socket ack).
 */
export const Refusal = {
  /** The sender's per-user write limit is spent. */
  rateLimited: frozenRefusal(ErrorCode.RATE_LIMITED, RATE_LIMITED_MESSAGE),
  /** The process is overloaded: the web outbox retries later. */
  busy: frozenRefusal(ErrorCode.UNAVAILABLE, BUSY_MESSAGE),
} as const;
