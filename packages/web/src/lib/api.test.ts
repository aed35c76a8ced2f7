import { describe, expect, it, vi } from 'vitest';
import { createApi } from './api';
import { AppError } from './errors';
import { buildUrl, createHttpClient, type FetchLike } from './http';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('http client', () => {
  it('builds URLs under /api and skips empty query values', () => {
    expect(buildUrl('', '/search/messages', { q: 'a b', roomId: undefined, limit: 5 })).toBe(
      '/api/search/messages?q=a+b&limit=5',
    );
  });

  it('sends JSON with the bearer token and returns the body', async () => {
    const fetchFn = vi.fn<FetchLike>().mockResolvedValue(json(200, { ok: 1 }));
    const http = createHttpClient(fetchFn);
    await expect(
      http.request({ method: 'POST', path: '/rooms', body: { name: 'x' }, token: 't' }),
    ).resolves.toEqual({ ok: 1 });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/rooms');
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer t',
      'Content-Type': 'application/json',
    });
    expect(init.body).toBe('{"name":"x"}');
    expect(init.credentials).toBe('same-origin');
  });

  it('turns the error body into an AppError with its code and fields', async () => {
    const http = createHttpClient(() =>
      Promise.resolve(
        json(400, {
          statusCode: 400,
          error: { code: 'VALIDATION', message: 'bad', fields: { email: ['must be an email'] } },
        }),
      ),
    );
    const error = await http
      .request({ method: 'POST', path: '/auth/register' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      status: 400,
      fields: { email: ['must be an email'] },
    });
  });

  it('uses the status when the body is not the error shape, and NETWORK when fetch fails', async () => {
    const proxy = createHttpClient(() =>
      Promise.resolve(new Response('Bad gateway', { status: 502 })),
    );
    await expect(proxy.request({ method: 'GET', path: '/rooms' })).rejects.toMatchObject({
      code: 'NETWORK',
      status: 502,
    });
    const down = createHttpClient(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(down.request({ method: 'GET', path: '/rooms' })).rejects.toMatchObject({
      code: 'NETWORK',
    });
  });

  it('returns undefined for 204', async () => {
    const http = createHttpClient(() => Promise.resolve(new Response(null, { status: 204 })));
    await expect(http.request({ method: 'POST', path: '/auth/logout' })).resolves.toBeUndefined();
  });
});

describe('api client', () => {
  it('refreshes once on 401 and retries with the new token', async () => {
    const tokens: Array<string | null> = [];
    const fetchFn = vi.fn<FetchLike>((_url, init) => {
      const auth = (init.headers as Record<string, string>).Authorization ?? null;
      tokens.push(auth);
      return Promise.resolve(
        auth === 'Bearer fresh'
          ? json(200, { items: [] })
          : json(401, { statusCode: 401, error: { code: 'UNAUTHORIZED', message: 'expired' } }),
      );
    });
    const refresh = vi.fn().mockResolvedValue('fresh');
    const api = createApi({ http: createHttpClient(fetchFn), getToken: () => 'stale', refresh });
    await expect(api.listRooms()).resolves.toEqual({ items: [] });
    expect(tokens).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('gives up with the 401 when the session cannot be refreshed', async () => {
    const fetchFn = vi
      .fn<FetchLike>()
      .mockResolvedValue(
        json(401, { statusCode: 401, error: { code: 'UNAUTHORIZED', message: 'x' } }),
      );
    const api = createApi({
      http: createHttpClient(fetchFn),
      getToken: () => 'stale',
      refresh: () => Promise.resolve(null),
    });
    await expect(api.listRooms()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('does not refresh on other errors', async () => {
    const refresh = vi.fn();
    const api = createApi({
      http: createHttpClient(() =>
        Promise.resolve(
          json(403, { statusCode: 403, error: { code: 'FORBIDDEN', message: 'no' } }),
        ),
      ),
      getToken: () => 't',
      refresh,
    });
    await expect(api.getMessages('r1', { before: 'c', limit: 10 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(refresh).not.toHaveBeenCalled();
  });
});
