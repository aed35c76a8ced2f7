import { ErrorCode, isErrorCode, type FieldErrors } from '@minimeet/contract';

/** Failures that happen on the client side, next to the server's error codes. */
export const ClientErrorCode = {
  NETWORK: 'NETWORK',
  TIMEOUT: 'TIMEOUT',
  OFFLINE: 'OFFLINE',
  UNKNOWN: 'UNKNOWN',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
export type AppErrorCode = ErrorCode | ClientErrorCode;

/** The one error type the client's modules throw. The message shown to people comes from `code`. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number | undefined;
  readonly fields: FieldErrors | undefined;

  constructor(
    code: AppErrorCode,
    options: { status?: number; fields?: FieldErrors; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status;
    this.fields = options.fields;
  }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(ClientErrorCode.UNKNOWN, { cause: error });
}

export function toAppErrorCode(value: unknown): AppErrorCode {
  return isErrorCode(value) ? value : ClientErrorCode.UNKNOWN;
}

/** The error code an HTTP status stands for when the body did not say. */
export function codeFromStatus(status: number): AppErrorCode {
  if (status === 400 || status === 422) return ErrorCode.VALIDATION;
  if (status === 401) return ErrorCode.UNAUTHORIZED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 409) return ErrorCode.CONFLICT;
  if (status === 429) return ErrorCode.RATE_LIMITED;
  if (status === 502 || status === 504) return ClientErrorCode.NETWORK;
  if (status === 503) return ErrorCode.UNAVAILABLE;
  return status >= 500 ? ErrorCode.INTERNAL : ClientErrorCode.UNKNOWN;
}

/** Errors worth retrying by themselves: the request may not have reached the server. */
export function isTransient(code: AppErrorCode): boolean {
  return (
    code === ClientErrorCode.NETWORK ||
    code === ClientErrorCode.TIMEOUT ||
    code === ClientErrorCode.OFFLINE ||
    code === ErrorCode.UNAVAILABLE
  );
}

export type ErrorContext =
  | 'generic'
  | 'signIn'
  | 'register'
  | 'room'
  | 'createRoom'
  | 'send'
  | 'history'
  | 'search'
  | 'invite'
  | 'guest'
  | 'settings'
  | 'upload';

const messages: Record<AppErrorCode, string> = {
  VALIDATION: 'Some of the information is not valid. Please check it and try again.',
  UNAUTHORIZED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You do not have access to this.',
  NOT_FOUND: 'We could not find what you were looking for.',
  CONFLICT: 'That already exists.',
  ROOM_FULL: 'This room is full right now.',
  ROOM_LOCKED: 'This room is locked: it takes no new members.',
  RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.',
  PAYLOAD_TOO_LARGE: 'This is too large.',
  QUOTA_EXCEEDED: 'You have used all the storage space you have.',
  UNSUPPORTED_MEDIA_TYPE: 'This kind of file is not accepted.',
  UNAVAILABLE: 'MiniMeet is temporarily unavailable. Please try again shortly.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
  NETWORK: 'Cannot reach MiniMeet. Check your connection and try again.',
  TIMEOUT: 'The server took too long to answer. Please try again.',
  OFFLINE: 'You are offline. This will be retried when the connection is back.',
  UNKNOWN: 'Something went wrong. Please try again.',
};

const contextual: Partial<Record<ErrorContext, Partial<Record<AppErrorCode, string>>>> = {
  signIn: {
    UNAUTHORIZED: 'Wrong username, email or password.',
    VALIDATION: 'Enter your username or email and your password.',
    RATE_LIMITED: 'Too many sign-in attempts. Please wait a minute and try again.',
  },
  register: {
    CONFLICT: 'That username or email is already taken.',
    VALIDATION: 'Please check the highlighted fields.',
  },
  room: {
    NOT_FOUND: 'This room does not exist. Check the invite link.',
    FORBIDDEN: 'You cannot join this room.',
    VALIDATION: 'This is not a valid room link.',
  },
  createRoom: {
    VALIDATION: 'Please give the room a name (up to 80 characters).',
    FORBIDDEN: 'Guests cannot create rooms: create an account to have your own.',
  },
  send: {
    RATE_LIMITED: 'You are sending messages too fast. Wait a moment, then retry.',
    VALIDATION: 'This message cannot be sent: it is empty or too long.',
    FORBIDDEN: 'You are not allowed to post in this room.',
    NOT_FOUND: 'This room no longer exists.',
  },
  history: {
    FORBIDDEN: 'You are not a member of this room.',
  },
  search: {
    VALIDATION: 'Type at least one word to search for.',
  },
  invite: {
    NOT_FOUND: 'This invite link is not valid any more. Ask for a new one.',
    FORBIDDEN: 'You cannot join this room.',
    ROOM_LOCKED: 'This room is locked',
  },
  upload: {
    PAYLOAD_TOO_LARGE:
      'This file is too large to send (25 MB at most, unless your server says otherwise).',
    QUOTA_EXCEEDED:
      'This file does not fit in your storage quota. Delete messages with files to make room.',
    FORBIDDEN: 'You cannot send files in this room.',
    NOT_FOUND: 'This room no longer exists.',
  },
  guest: {
    FORBIDDEN: 'This room does not take guests: sign in to join.',
    NOT_FOUND: 'This invite link is not valid any more. Ask for a new one.',
    VALIDATION: "Your name: 1-32 letters, digits, spaces, '.', '_', \"'\" or '-'.",
    RATE_LIMITED: 'Too many guests from your network just now. Please wait and try again.',
  },
  settings: {
    FORBIDDEN: 'Only the owner and moderators can change this.',
    VALIDATION: 'Please check the highlighted fields.',
    NOT_FOUND: 'This room no longer exists.',
  },
};

/** The sentence to show a person for an error code; never the raw exception text. */
export function errorMessage(code: AppErrorCode, context: ErrorContext = 'generic'): string {
  return contextual[context]?.[code] ?? messages[code];
}

export function describeError(error: unknown, context: ErrorContext = 'generic'): string {
  return errorMessage(toAppError(error).code, context);
}
