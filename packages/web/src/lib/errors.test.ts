import { ErrorCode } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import {
  AppError,
  ClientErrorCode,
  codeFromStatus,
  describeError,
  errorMessage,
  isTransient,
} from './errors';

describe('error messages', () => {
  it('has a sentence for every server and client error code', () => {
    for (const code of [...Object.values(ErrorCode), ...Object.values(ClientErrorCode)]) {
      const text = errorMessage(code);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/undefined|Error:|exception/i);
    }
  });

  it('words some codes for their context', () => {
    expect(errorMessage('UNAUTHORIZED', 'signIn')).toBe('Wrong username, email or password.');
    expect(errorMessage('CONFLICT', 'register')).toBe('That username or email is already taken.');
    expect(errorMessage('NOT_FOUND', 'room')).toMatch(/room does not exist/);
    expect(errorMessage('ROOM_FULL', 'room')).toBe(errorMessage('ROOM_FULL'));
  });

  it('never shows raw exception text', () => {
    const raw = new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email');
    expect(describeError(raw)).toBe(errorMessage('UNKNOWN'));
    expect(describeError(new AppError('RATE_LIMITED'), 'send')).toMatch(/too fast/);
  });

  it('maps HTTP statuses when the body has no code', () => {
    expect(codeFromStatus(401)).toBe('UNAUTHORIZED');
    expect(codeFromStatus(404)).toBe('NOT_FOUND');
    expect(codeFromStatus(429)).toBe('RATE_LIMITED');
    expect(codeFromStatus(502)).toBe('NETWORK');
    expect(codeFromStatus(503)).toBe('UNAVAILABLE');
    expect(codeFromStatus(500)).toBe('INTERNAL');
  });

  it('knows which failures are worth retrying', () => {
    expect(isTransient('TIMEOUT')).toBe(true);
    expect(isTransient('OFFLINE')).toBe(true);
    expect(isTransient('VALIDATION')).toBe(false);
    expect(isTransient('RATE_LIMITED')).toBe(false);
  });
});
