import { ErrorCode } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { Refusal } from './refusal';

describe('Refusal', () => {
  it('answers with the contract error shape, as AppError would for the same code', () => {
    expect(Refusal.rateLimited).toEqual({ ok: false, error: AppError.rateLimited(3).toPayload() });
    expect(Refusal.busy).toEqual({
      ok: false,
      error: { code: ErrorCode.UNAVAILABLE, message: 'The server is busy, try again in a moment' },
    });
  });

  it('is shared by every refusal, so it cannot be changed by one', () => {
    expect(Object.isFrozen(Refusal.busy) && Object.isFrozen(Refusal.busy.error)).toBe(true);
    expect(Object.isFrozen(Refusal.rateLimited.error)).toBe(true);
  });
});
