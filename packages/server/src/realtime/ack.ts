import type { Ack, ErrorPayload } from '@minimeet/contract';
import { ErrorCode } from '@minimeet/contract';
import type { Logger } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { backendOutages, isUnavailableError } from '../common/unavailable';
import { validatePayload } from '../common/validation';

/** Maps any failure to a payload the client may see; unknown errors are logged and hidden. */
export function toErrorPayload(error: unknown, logger: Logger, event: string): ErrorPayload {
  if (error instanceof AppError) {
    logger.debug(`${event}: ${error.code} ${error.message}`);
    return error.toPayload();
  }
  if (isUnavailableError(error)) {
    backendOutages.failed(error);
    return AppError.unavailable().toPayload();
  }
  logger.error(
    `${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return { code: ErrorCode.INTERNAL, message: 'Something went wrong on the server' };
}

/**
 * Runs one socket event: validate the payload against its DTO, run the handler, and answer with
 * the ack envelope. Never throws, so no event can crash the process or leave an ack hanging.
 */
export async function handleEvent<D extends object, T>(
  logger: Logger,
  event: string,
  dto: new () => D,
  payload: unknown,
  handler: (input: D) => Promise<T>,
): Promise<Ack<T>> {
  try {
    const input = await validatePayload(dto, payload);
    return { ok: true, data: await handler(input) };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error, logger, event) };
  }
}
