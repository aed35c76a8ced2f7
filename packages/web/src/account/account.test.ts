import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../lib/errors';
import type { HttpClient, HttpRequest } from '../lib/http';
import { createAccountApi } from './accountApi';
import { fieldMessage, formMessage } from './fieldMessage';

describe('account api', () => {
  const setup = () => {
    const request = vi.fn<(req: HttpRequest) => Promise<unknown>>().mockResolvedValue(undefined);
    const http = { request } as unknown as HttpClient;
    const api = createAccountApi({
      http,
      getToken: () => 'tok',
      refresh: () => Promise.resolve(null),
    });
    return { api, request };
  };

  it('calls the account endpoints with the bearer token', async () => {
    const { api, request } = setup();
    await api.listSessions();
    await api.revokeSession('a/b');
    await api.changePassword({ currentPassword: 'old', newPassword: 'new' });
    await api.deleteAccount({ password: 'pw' });
    expect(request.mock.calls.map(([req]) => [req.method, req.path, req.body, req.token])).toEqual([
      ['GET', '/auth/sessions', undefined, 'tok'],
      ['DELETE', '/auth/sessions/a%2Fb', undefined, 'tok'],
      ['POST', '/auth/password', { currentPassword: 'old', newPassword: 'new' }, 'tok'],
      ['DELETE', '/auth/me', { password: 'pw' }, 'tok'],
    ]);
  });
});

describe('account form messages', () => {
  const refused = new AppError('VALIDATION', {
    status: 400,
    fields: { newPassword: ['This is a commonly used password.'] },
  });

  it("shows the server's sentence under the refused field, and no summary", () => {
    expect(fieldMessage(refused, 'newPassword')).toBe('This is a commonly used password.');
    expect(fieldMessage(refused, 'currentPassword')).toBeUndefined();
    expect(formMessage(refused, ['currentPassword', 'newPassword'])).toBeUndefined();
  });

  it('says other failures for the whole form, from their code', () => {
    const limited = new AppError('RATE_LIMITED', { status: 429 });
    expect(fieldMessage(limited, 'newPassword')).toBeUndefined();
    expect(formMessage(limited, ['newPassword'])).toMatch(/Too many attempts/);
    expect(formMessage(null, ['newPassword'])).toBeUndefined();
  });
});
