/** Error codes shared by REST responses and Socket.IO acks. Clients map these to messages. */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  ROOM_FULL: 'ROOM_FULL',
  /** The room takes no new members (access mode `locked`). */
  ROOM_LOCKED: 'ROOM_LOCKED',
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Field name -> list of human-readable problems with that field. */
export type FieldErrors = Record<string, string[]>;

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

/** The one error body every REST endpoint returns on failure. */
export interface ApiErrorBody {
  statusCode: number;
  error: ErrorPayload;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ErrorCode;
}
