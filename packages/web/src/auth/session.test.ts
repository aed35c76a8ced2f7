import type { AuthResponse } from '@minimeet/contract';
import { describe, expect, it, vi } from 'vitest';
import { deferred } from '../test/fixtures';
import type { AuthApi } from './authApi';
import { AppError } from '../lib/errors';
import { createSession } from './session';

const auth = (token: string, username = 'ann'): AuthResponse => ({
  accessToken: token,
  expiresIn: 900,
  user: {
    id: `id-${username}`,
    username,
    email: `${username}@example.com`,
    createdAt: '',
    isAdmin: false,
  },
});
const unauthorized = () => new AppError('UNAUTHORIZED', { status: 401 });

function fakeAuth(over: Partial<AuthApi> = {}): AuthApi {
  return {
    register: vi.fn(() => Promise.resolve(auth('reg'))),
    login: vi.fn(() => Promise.resolve(auth('login'))),
    refresh: vi.fn(() => Promise.resolve(auth('refreshed'))),
    logout: vi.fn(() => Promise.resolve()),
    guest: vi.fn(() => Promise.resolve(auth('guest'))),
    guestPreview: vi.fn(() => Promise.resolve({ name: 'Room', allowGuests: true })),
    ...over,
  };
}
const noLock = <T>(_name: string, task: () => Promise<T>) => task();

describe('session', () => {
  it('restores a session from the refresh cookie', async () => {
    const session = createSession({ auth: fakeAuth(), withLock: noLock });
    expect(session.getState().status).toBe('loading');
    await session.init();
    expect(session.getAccessToken()).toBe('refreshed');
    expect(session.getUser()?.username).toBe('ann');
  });

  it('is signed out (not "expired") when there is no cookie', async () => {
    const session = createSession({
      auth: fakeAuth({ refresh: () => Promise.reject(unauthorized()) }),
      withLock: noLock,
    });
    await session.init();
    expect(session.getState()).toEqual({ status: 'signedOut', expired: false });
  });

  it('is signed out without an error when the browser holds no session at all', async () => {
    const session = createSession({
      auth: fakeAuth({ refresh: () => Promise.resolve(null) }),
      withLock: noLock,
    });
    await session.init();
    expect(session.getState()).toEqual({ status: 'signedOut', expired: false });
  });

  it('keeps trying while the server is unreachable at start', async () => {
    const refresh = vi
      .fn()
      .mockRejectedValueOnce(new AppError('NETWORK'))
      .mockResolvedValue(auth('late'));
    const waits: number[] = [];
    const session = createSession({
      auth: fakeAuth({ refresh }),
      withLock: noLock,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await session.init();
    expect(waits).toEqual([1000]);
    expect(session.getAccessToken()).toBe('late');
  });

  it('shares one refresh request between concurrent callers, serialised by the lock', async () => {
    const answer = deferred<AuthResponse>();
    const refresh = vi.fn(() => answer.promise);
    const lockNames: string[] = [];
    const lock = <T>(name: string, task: () => Promise<T>) => {
      lockNames.push(name);
      return task();
    };
    const session = createSession({ auth: fakeAuth({ refresh }), withLock: lock });
    const a = session.refresh();
    const b = session.refresh();
    answer.resolve(auth('one'));
    await expect(Promise.all([a, b])).resolves.toEqual(['one', 'one']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(lockNames).toEqual(['minimeet-refresh']);
  });

  it('marks the session expired when a refresh is refused while signed in', async () => {
    const refresh = vi.fn().mockResolvedValueOnce(auth('one')).mockRejectedValue(unauthorized());
    const session = createSession({ auth: fakeAuth({ refresh }), withLock: noLock });
    await session.init();
    await expect(session.refresh()).resolves.toBeNull();
    expect(session.getState()).toEqual({ status: 'signedOut', expired: true });
  });

  it('a refresh that started before signing in cannot sign the new session out', async () => {
    const answer = deferred<AuthResponse>();
    const session = createSession({
      auth: fakeAuth({ refresh: () => answer.promise }),
      withLock: noLock,
    });
    const pending = session.refresh();
    await session.login({ login: 'ann', password: 'secret123' });
    answer.reject(unauthorized());
    await expect(pending).resolves.toBe('login');
    expect(session.getState().status).toBe('signedIn');
  });

  it('signs out locally even when the server cannot be told', async () => {
    const logout = vi.fn(() => Promise.reject(new AppError('NETWORK')));
    const session = createSession({ auth: fakeAuth({ logout }), withLock: noLock });
    await session.login({ login: 'ann', password: 'secret123' });
    await session.logout();
    expect(logout).toHaveBeenCalledWith('login');
    expect(session.getState()).toEqual({ status: 'signedOut', expired: false });
  });

  it('passes sign-in errors to the caller and stays signed out', async () => {
    const session = createSession({
      auth: fakeAuth({
        login: () => Promise.reject(unauthorized()),
        refresh: () => Promise.reject(unauthorized()),
      }),
      withLock: noLock,
    });
    await session.init();
    await expect(session.login({ login: 'ann', password: 'wrong-pass' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(session.getState().status).toBe('signedOut');
  });
});
