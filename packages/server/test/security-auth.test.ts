/**
 * Issue 11, findings 1, 2, 4 and the email part of 8: login limits that parallel guesses cannot
 * bypass and strangers cannot use to lock an owner out, X-Forwarded-For only from configured
 * proxies, over-deep JSON refused early, and registration that does not tell whose email is taken.
 */
import type { ApiErrorBody } from '@minimeet/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser, startStack, type TestUser } from './harness';

type Stack = Awaited<ReturnType<typeof startStack>>;

interface LoginResult {
  status: number;
  retryAfter: string | null;
  cookies: string[];
}

async function login(
  base: string,
  body: { login: string; password: string },
  headers: Record<string, string> = {},
): Promise<LoginResult> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    cookies: res.headers.getSetCookie(),
  };
}

const cookieValue = (cookies: string[], name: string): string =>
  cookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';

const count = (statuses: number[], status: number): number =>
  statuses.filter((s) => s === status).length;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('login limits (finding 1: counted before the password is checked)', () => {
  let stack: Stack;
  let base: string;
  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterAll(() => stack.stop());

  it('60 parallel wrong logins for one account: at most 5 get 401, the rest 429', async () => {
    const user = await registerUser(base);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        login(base, { login: user.user.username, password: `wrong-guess-${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(count(statuses, 401)).toBeGreaterThanOrEqual(1);
    expect(count(statuses, 401)).toBeLessThanOrEqual(5);
    expect(count(statuses, 429)).toBe(60 - count(statuses, 401));
    expect(results.find((r) => r.status === 429)?.retryAfter).toMatch(/^\d+$/);
  });

  it('a correct password hidden among 40 parallel tries does not get in once the limit is hit', async () => {
    const user = await registerUser(base);
    for (let i = 0; i < 4; i++) {
      expect((await login(base, { login: user.user.username, password: `nope-${i}` })).status).toBe(
        401,
      );
    }
    // One try is left: 39 wrong guesses race for it; the right password comes just after them.
    const wrong = Array.from({ length: 39 }, (_, i) =>
      login(base, { login: user.user.email, password: `guess-${i}` }),
    );
    await sleep(60);
    const right = await login(base, { login: user.user.username, password: user.password });
    const statuses = (await Promise.all(wrong)).map((r) => r.status);
    expect(right.status).toBe(429);
    expect(count(statuses, 401)).toBe(1);
  });
});

describe('no lockout of the owner (finding 2) and X-Forwarded-For only from proxies', () => {
  let stack: Stack;
  let base: string;
  beforeAll(async () => {
    // The test client is the proxy here: it sets X-Forwarded-For for each simulated client.
    stack = await startStack({ TRUST_PROXY: 'loopback' });
    base = stack.server.url;
  });
  afterAll(() => stack.stop());

  it("a stranger's 50 wrong tries do not stop the owner who signed in before", async () => {
    const owner: TestUser = await registerUser(base);
    const home = { 'x-forwarded-for': '198.51.100.7' };
    const first = await login(base, { login: owner.user.username, password: owner.password }, home);
    expect(first.status).toBe(200);
    const device = cookieValue(first.cookies, 'mm_device');
    expect(device).toMatch(/^mm_device=.+/);
    expect(first.cookies.find((c) => c.startsWith('mm_device='))).toMatch(/HttpOnly/i);

    const stranger = { 'x-forwarded-for': '203.0.113.66' };
    const tries = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        login(base, { login: owner.user.username, password: `guess-${i}` }, stranger),
      ),
    );
    expect(
      count(
        tries.map((t) => t.status),
        429,
      ),
    ).toBeGreaterThanOrEqual(45);

    // Without the device cookie the account waits (a stranger with the right password would too)…
    const fresh = await login(
      base,
      { login: owner.user.username, password: owner.password },
      { 'x-forwarded-for': '192.0.2.1' },
    );
    expect(fresh.status).toBe(429);
    // …but the owner's browser, even from the stranger's address, signs in.
    for (const headers of [home, stranger]) {
      const again = await login(
        base,
        { login: owner.user.username, password: owner.password },
        { ...headers, cookie: device },
      );
      expect(again.status).toBe(200);
    }
  });

  it("a device cookie of another account gives no way around that account's limit", async () => {
    const victim = await registerUser(base);
    const attacker = await registerUser(base);
    const mine = await login(base, { login: attacker.user.username, password: attacker.password });
    const cookie = cookieValue(mine.cookies, 'mm_device');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (
          await login(
            base,
            { login: victim.user.username, password: `guess-${i}` },
            { cookie, 'x-forwarded-for': `203.0.113.${i + 1}` },
          )
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('honours X-Forwarded-For from a configured proxy (each address its own budget)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push(
        (
          await login(
            base,
            { login: `nobody_${i}`, password: 'wrong-password' },
            { 'x-forwarded-for': `198.18.0.${i + 1}` },
          )
        ).status,
      );
    }
    expect(count(statuses, 401)).toBe(32);
  });
});

describe('X-Forwarded-For from an untrusted peer (default TRUST_PROXY: none)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it('a forged X-Forwarded-For does not change the address the limiter sees', async () => {
    const results = await Promise.all(
      Array.from({ length: 36 }, (_, i) =>
        login(
          stack.server.url,
          { login: `nobody_${i}`, password: 'wrong-password' },
          { 'x-forwarded-for': `198.18.1.${i + 1}` },
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    // 30 per address, and every one of these came from 127.0.0.1.
    expect(count(statuses, 401)).toBe(30);
    expect(count(statuses, 429)).toBe(6);
  });
});

describe('over-deep JSON (finding 4) and registration (finding 8, email)', () => {
  let stack: Stack;
  let base: string;
  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterAll(() => stack.stop());

  const deep = '['.repeat(50_000) + ']'.repeat(50_000);
  const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);

  it('answers 400 VALIDATION quickly on login, register and rooms, and health stays fast', async () => {
    const user = await registerUser(base);
    for (const path of ['/api/auth/login', '/api/auth/register', '/api/rooms']) {
      for (const raw of [deep, deepObject]) {
        const started = performance.now();
        const res = await api<ApiErrorBody>(base, 'POST', path, { raw, token: user.accessToken });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          statusCode: 400,
          error: { code: 'VALIDATION', message: expect.any(String) as unknown },
        });
        expect(performance.now() - started).toBeLessThan(500);
      }
    }
    // Four clients keep sending deep bodies; health answers meanwhile.
    let sending = true;
    const flood = Array.from({ length: 4 }, async () => {
      while (sending) await api(base, 'POST', '/api/auth/login', { raw: deep });
    });
    await sleep(100);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect((await api(base, 'GET', '/api/health')).status).toBe(200);
      times.push(performance.now() - started);
    }
    sending = false;
    await Promise.all(flood);
    times.sort((a, b) => a - b);
    expect(times[5]).toBeLessThan(150);
  });

  it('still accepts ordinary nesting', async () => {
    const res = await api<ApiErrorBody>(base, 'POST', '/api/auth/login', {
      raw: JSON.stringify({ login: 'x', password: [[[['not a string']]]] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('password');
  });

  it('answers a taken email exactly as a taken username, after the same work', async () => {
    const user = await registerUser(base);
    const time = async (body: object): Promise<[ApiErrorBody, number]> => {
      const started = performance.now();
      const res = await api<ApiErrorBody>(base, 'POST', '/api/auth/register', { body });
      expect(res.status).toBe(409);
      return [res.body, performance.now() - started];
    };
    const [byName, nameMs] = await time({
      username: user.user.username,
      email: 'free-address@example.test',
      password: 'plum-Orbit-kettle-58',
    });
    const [byEmail, emailMs] = await time({
      username: 'a_free_name',
      email: user.user.email,
      password: 'plum-Orbit-kettle-58',
    });
    expect(byEmail).toEqual(byName);
    expect(byEmail.error.message).not.toMatch(/email is|already/i);
    // Both paths hash the password (tens of ms), so neither answers measurably faster.
    expect(Math.min(nameMs, emailMs)).toBeGreaterThan(Math.max(nameMs, emailMs) / 4);
  });
});
