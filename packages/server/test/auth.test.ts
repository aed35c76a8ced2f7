import type { ApiErrorBody, AuthResponse, SelfUser } from '@minimeet/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, refreshCookie, registerUser, startStack } from './harness';

describe('auth', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterAll(() => stack.stop());

  it('registers a user and returns a token, the user and an httpOnly refresh cookie', async () => {
    const res = await api<AuthResponse>(base, 'POST', '/api/auth/register', {
      body: { username: 'grace.h', email: 'Grace@Example.test', password: 'plum-Orbit-kettle-58' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username: 'grace.h', email: 'grace@example.test' });
    expect(JSON.stringify(res.body)).not.toMatch(/plum-Orbit-kettle-58|passwordHash|scrypt/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mm_refresh='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await api<SelfUser>(base, 'GET', '/api/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('grace.h');
  });

  it('refuses bad fields with 400 and per-field errors', async () => {
    const res = await api<ApiErrorBody>(base, 'POST', '/api/auth/register', {
      body: { username: 'x', email: 'not-an-email', password: 'short' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(Object.keys(res.body.error.fields ?? {}).sort()).toEqual([
      'email',
      'password',
      'username',
    ]);
  });

  it('refuses a malformed JSON body without leaking internals', async () => {
    const res = await api<ApiErrorBody>(base, 'POST', '/api/auth/login', { raw: '{"login":' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(JSON.stringify(res.body)).not.toMatch(/at position|stack|node_modules/);
  });

  it('gives 409 for a taken username or email, case-insensitively, with one answer for both', async () => {
    const user = await registerUser(base);
    const sameName = await api<ApiErrorBody>(base, 'POST', '/api/auth/register', {
      body: {
        username: user.user.username.toUpperCase(),
        email: 'other@example.test',
        password: 'plum-Orbit-kettle-58',
      },
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.fields).toHaveProperty('username');
    const sameEmail = await api<ApiErrorBody>(base, 'POST', '/api/auth/register', {
      body: {
        username: 'someone_else',
        email: user.user.email.toUpperCase(),
        password: 'plum-Orbit-kettle-58',
      },
    });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body).toEqual(sameName.body);
  });

  it('logs in by username or email; a wrong password and an unknown user look the same', async () => {
    const user = await registerUser(base);
    const byName = await api<AuthResponse>(base, 'POST', '/api/auth/login', {
      body: { login: user.user.username, password: user.password },
    });
    expect(byName.status).toBe(200);
    const byEmail = await api<AuthResponse>(base, 'POST', '/api/auth/login', {
      body: { login: user.user.email, password: user.password },
    });
    expect(byEmail.status).toBe(200);
    const wrong = await api<ApiErrorBody>(base, 'POST', '/api/auth/login', {
      body: { login: user.user.username, password: 'wrong-password' },
    });
    const unknown = await api<ApiErrorBody>(base, 'POST', '/api/auth/login', {
      body: { login: 'nobody_here', password: 'wrong-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('limits repeated failures for one account with 429, even for the right password', async () => {
    const user = await registerUser(base);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await api(base, 'POST', '/api/auth/login', {
            body: { login: user.user.username, password: 'nope-nope' },
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const right = await api<ApiErrorBody>(base, 'POST', '/api/auth/login', {
      body: { login: user.user.username, password: user.password },
    });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('RATE_LIMITED');
    expect(right.headers.get('retry-after')).toBeTruthy();
  });

  it('answers a refresh without any cookie with 204 (no session), and a bad cookie with 401', async () => {
    const none = await api(base, 'POST', '/api/auth/refresh');
    expect(none.status).toBe(204);
    expect(none.body).toBeNull();
    const bad = await api(base, 'POST', '/api/auth/refresh', { cookie: 'mm_refresh=nonsense' });
    expect(bad.status).toBe(401);
  });

  it('rotates the refresh token, and reuse of an old one revokes the whole family', async () => {
    const user = await registerUser(base);
    const first = await api<AuthResponse>(base, 'POST', '/api/auth/refresh', {
      cookie: user.cookie,
    });
    expect(first.status).toBe(200);
    expect(first.body.user.id).toBe(user.user.id);
    const rotated = refreshCookie(first.headers);
    expect(rotated).not.toBe(user.cookie);

    // The stolen old token is replayed: refused, and the legitimate new one dies with it.
    const replay = await api<ApiErrorBody>(base, 'POST', '/api/auth/refresh', {
      cookie: user.cookie,
    });
    expect(replay.status).toBe(401);
    const afterReuse = await api(base, 'POST', '/api/auth/refresh', { cookie: rotated });
    expect(afterReuse.status).toBe(401);
  });

  it('logout revokes the refresh token and clears the cookie', async () => {
    const user = await registerUser(base);
    const out = await api(base, 'POST', '/api/auth/logout', { cookie: user.cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/mm_refresh=;/);
    expect((await api(base, 'POST', '/api/auth/refresh', { cookie: user.cookie })).status).toBe(
      401,
    );
  });

  it('refuses missing, forged and garbage access tokens', async () => {
    expect((await api(base, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await api(base, 'GET', '/api/auth/me', { token: 'garbage' })).status).toBe(401);
    const user = await registerUser(base);
    const [h, p] = user.accessToken.split('.');
    expect(
      (await api(base, 'GET', '/api/auth/me', { token: `${h}.${p}.forgedsignature` })).status,
    ).toBe(401);
  });

  it('answers unknown routes with the JSON 404 shape and reports health', async () => {
    const res = await api<ApiErrorBody>(base, 'GET', '/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: { code: 'NOT_FOUND', message: 'Not found' },
    });
    const health = await api<{ status: string; db: string }>(base, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'up' });
    const docs = await api<{ openapi: string; paths: Record<string, unknown> }>(
      base,
      'GET',
      '/api/docs/json',
    );
    expect(docs.body.paths).toHaveProperty('/api/auth/register');
  });
});
