import type { FieldErrors } from '@minimeet/contract';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { AppError } from './app-error';

export const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidUnknownValues: true,
  forbidNonWhitelisted: false,
} as const;

export function toFieldErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(fields, toFieldErrors(error.children, path));
  }
  return fields;
}

/** Validates an untrusted payload (a socket event body) against a DTO class; throws AppError VALIDATION. */
export async function validatePayload<T extends object>(
  dto: new () => T,
  payload: unknown,
): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw AppError.validation(
      { payload: ['payload must be an object'] },
      'Payload must be an object',
    );
  }
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw AppError.validation(toFieldErrors(errors));
  return instance;
}
