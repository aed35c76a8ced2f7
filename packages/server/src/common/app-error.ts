import { ErrorCode, type ErrorPayload, type FieldErrors } from '@minimeet/contract';
import { RATE_LIMITED_MESSAGE } from './refusal';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ROOM_FULL: 409,
  ROOM_LOCKED: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  QUOTA_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** A failure the client is allowed to see: a known code and a safe message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  toPayload(): ErrorPayload {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }

  static validation(fields: FieldErrors, message = 'Some fields are invalid'): AppError {
    return new AppError(ErrorCode.VALIDATION, message, fields);
  }
  static unauthorized(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.UNAUTHORIZED, message);
  }
  static forbidden(message = 'You are not allowed to do that'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }
  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
  }
  static conflict(message: string, fields?: FieldErrors): AppError {
    return new AppError(ErrorCode.CONFLICT, message, fields);
  }
  /** A backing service (database, Redis) is unreachable or hung: try again shortly. */
  static unavailable(retryAfterSeconds = 2): AppError {
    return new AppError(
      ErrorCode.UNAVAILABLE,
      'The service is briefly unavailable, try again shortly',
      undefined,
      retryAfterSeconds,
    );
  }
  static rateLimited(retryAfterSeconds?: number): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, RATE_LIMITED_MESSAGE, undefined, retryAfterSeconds);
  }
}
