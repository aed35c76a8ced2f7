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
  /** An upload is larger than ATTACHMENT_MAX_BYTES (413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** An upload would take the user past their storage quota, ATTACHMENT_QUOTA_BYTES (413). */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** An upload of a kind that is refused (HTML, SVG, XML: could run script in a browser) (415). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
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
