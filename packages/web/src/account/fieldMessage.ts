import { ErrorCode } from '@minimeet/contract';
import { AppError, describeError } from '../lib/errors';

/**
 * What to say about one field of a failed account request: the server's own sentence for a
 * refused field (the password policy and password checks word them for people), else nothing.
 */
export function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof AppError) || error.code !== ErrorCode.VALIDATION) return undefined;
  return error.fields?.[field]?.[0];
}

/** The sentence for the whole form, when no field says it already. */
export function formMessage(error: unknown, fields: readonly string[]): string | undefined {
  if (error === null || error === undefined) return undefined;
  if (fields.some((field) => fieldMessage(error, field))) return undefined;
  return describeError(error);
}
