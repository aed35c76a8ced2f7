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

/** Deepest nesting a socket payload may have; our payloads need a handful of levels. */
export const MAX_PAYLOAD_DEPTH = 32;

/** Keys that class-transformer would read as type information (or that rewrite a prototype). */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a decoded payload cannot go through class-transformer, or undefined when it can: only
 * plain JSON values, at most MAX_PAYLOAD_DEPTH levels, no reserved keys. Walks iteratively, so an
 * over-deep payload costs no stack.
 */
export function unsafePayloadReason(payload: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: payload, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
        return 'payload must be JSON';
      }
      continue;
    }
    if (depth >= MAX_PAYLOAD_DEPTH)
      return `payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return 'payload must be JSON';
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) return `payload must not contain the key "${key}"`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Validates an untrusted payload (a socket event body) against a DTO class; throws AppError
 * VALIDATION for any shape that is not the DTO's, never another error.
 */
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
  const unsafe = unsafePayloadReason(payload);
  if (unsafe !== undefined) throw AppError.validation({ payload: [unsafe] }, 'Malformed payload');
  let instance: T;
  let errors: ValidationError[];
  try {
    instance = plainToInstance(dto, payload);
    errors = await validate(instance, VALIDATOR_OPTIONS);
  } catch (error) {
    // The checks above keep class-transformer and class-validator on safe input; should a
    // shape still trip them, it is the client's malformed payload, not a server fault.
    throw AppError.validation(
      { payload: [`payload could not be read (${error instanceof Error ? error.name : 'error'})`] },
      'Malformed payload',
    );
  }
  if (errors.length > 0) throw AppError.validation(toFieldErrors(errors));
  return instance;
}
