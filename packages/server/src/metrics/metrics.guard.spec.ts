import type { ExecutionContext } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AppError } from '../common/app-error';
import type { AppConfig } from '../config/config';
import { MetricsGuard } from './metrics.guard';

const context = (remoteAddress: string, headers: Record<string, string> = {}): ExecutionContext =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ socket: { remoteAddress }, headers }) }),
  }) as unknown as ExecutionContext;

const guard = (metricsToken: string | null) =>
  new MetricsGuard({ metricsToken } as unknown as AppConfig);

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (e) {
    return e instanceof AppError ? e.code : 'OTHER';
  }
}

describe('MetricsGuard', () => {
  it('without a token: private peers only, whatever X-Forwarded-For says', () => {
    expect(guard(null).canActivate(context('10.0.0.7'))).toBe(true);
    expect(
      codeOf(() =>
        guard(null).canActivate(context('203.0.113.5', { 'x-forwarded-for': '127.0.0.1' })),
      ),
    ).toBe('FORBIDDEN');
  });

  it('with a token: the token, from any address', () => {
    const token = 'a-long-metrics-token';
    expect(
      guard(token).canActivate(context('203.0.113.5', { authorization: `Bearer ${token}` })),
    ).toBe(true);
    expect(codeOf(() => guard(token).canActivate(context('127.0.0.1')))).toBe('UNAUTHORIZED');
  });
});
