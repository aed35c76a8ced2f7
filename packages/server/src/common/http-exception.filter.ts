import type { ApiErrorBody } from '@minimeet/contract';
import { ErrorCode } from '@minimeet/contract';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error';
import { backendOutages, isUnavailableError } from './unavailable';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION,
  401: ErrorCode.UNAUTHORIZED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.VALIDATION,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.UNAVAILABLE,
};

const GENERIC_MESSAGES: Record<number, string> = {
  400: 'Malformed request (check the JSON body)',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  413: 'Request body too large',
  429: 'Too many requests, slow down',
};

/** Turns any thrown value into the one error body. Internals never reach the client. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // The database or Redis is down or hung: 503 UNAVAILABLE, one warning per outage.
    const exception = isUnavailableError(thrown) ? AppError.unavailable() : thrown;
    if (exception !== thrown) backendOutages.failed(thrown);
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.error.code !== ErrorCode.UNAVAILABLE) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    } else {
      this.logger.debug(`${body.statusCode} ${body.error.code}: ${body.error.message}`);
    }
    // The metrics count errors by code (metrics/metrics.service.ts reads it when the response ends).
    response.locals.errorCode = body.error.code;
    if (exception instanceof AppError && exception.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof AppError) {
      return { statusCode: exception.status, error: exception.toPayload() };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const code =
        CODE_BY_STATUS[statusCode] ??
        (statusCode >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION);
      const message =
        GENERIC_MESSAGES[statusCode] ??
        (statusCode >= 500 ? 'Internal server error' : 'Bad request');
      return { statusCode, error: { code, message } };
    }
    if (isBodyParserError(exception)) {
      const statusCode = exception.status;
      return {
        statusCode,
        error: {
          code: ErrorCode.VALIDATION,
          message: statusCode === 413 ? 'Request body too large' : 'Malformed JSON body',
        },
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: { code: ErrorCode.INTERNAL, message: 'Internal server error' },
    };
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    'type' in e &&
    'status' in e &&
    typeof (e as { status: unknown }).status === 'number' &&
    (e as { status: number }).status < 500
  );
}
