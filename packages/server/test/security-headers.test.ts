import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config';
import { registerUser, startServer, startStack, type TestServer } from './harness';

const PUBLIC = 'https://meet.example.test';
const FOREIGN = 'https://evil.example';

/** Opens a socket with this Origin header; resolves with how it ended. */
function handshake(base: string, token: string, origin?: string): Promise<string> {
  const socket = io(base, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: origin === undefined ? {} : { origin },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve(`refused: ${error.message}`);
    });
  });
}

describe('security headers and allowed origins', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let token = '';
  beforeAll(async () => {
    stack = await startStack({ PUBLIC_URL: PUBLIC });
    token = (await registerUser(stack.server.url)).accessToken;
  });
  afterAll(() => stack.stop());

  it('sends the security headers on every response (pages and API)', async () => {
    for (const path of ['/', '/api/health', '/api/rooms']) {
      const res = await fetch(`${stack.server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, path).not.toMatch(/'unsafe-eval'/);
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toMatch(/connect-src 'self'[^;]* wss:\/\/meet\.example\.test/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      const permissions = res.headers.get('permissions-policy') ?? '';
      for (const feature of ['camera=(self)', 'microphone=(self)', 'display-capture=(self)'])
        expect(permissions, path).toContain(feature);
      // HSTS only in production (this is NODE_ENV=test on plain HTTP).
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('refuses the Socket.IO handshake from a foreign Origin, accepts ours and none', async () => {
    expect(await handshake(stack.server.url, token, FOREIGN)).toMatch(/^refused/);
    expect(await handshake(stack.server.url, token, 'null')).toMatch(/^refused/);
    expect(await handshake(stack.server.url, token, PUBLIC)).toBe('connected');
    expect(await handshake(stack.server.url, token)).toBe('connected');
  });

  it('answers CORS only for the configured origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.server.url}/api/rooms`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const foreign = await preflight(FOREIGN);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const ours = await preflight(PUBLIC);
    expect(ours.headers.get('access-control-allow-origin')).toBe(PUBLIC);
    expect(ours.headers.get('access-control-allow-credentials')).toBe('true');

    // A request a browser sends from another site is refused before it reaches a route.
    const cross = await fetch(`${stack.server.url}/api/auth/me`, {
      headers: { origin: FOREIGN, authorization: `Bearer ${token}` },
    });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('access-control-allow-origin')).toBeNull();
    const same = await fetch(`${stack.server.url}/api/auth/me`, {
      headers: { origin: PUBLIC, authorization: `Bearer ${token}` },
    });
    expect(same.status).toBe(200);
  });

  it('keeps the API docs page unless API_DOCS=false', async () => {
    expect((await fetch(`${stack.server.url}/api/docs`)).status).toBe(200);
    let off: TestServer | null = null;
    try {
      off = await startServer({ ...stack.backend.env, API_DOCS: 'false' });
      expect((await fetch(`${off.url}/api/docs`)).status).toBe(404);
      expect((await fetch(`${off.url}/api/docs/json`)).status).toBe(404);
    } finally {
      await off?.close();
    }
  });

  it('without PUBLIC_URL (test mode) allows the server own origin and refuses others', async () => {
    let own: TestServer | null = null;
    try {
      own = await startServer({ ...stack.backend.env });
      const user = await registerUser(own.url);
      expect(await handshake(own.url, user.accessToken, own.url)).toBe('connected');
      expect(await handshake(own.url, user.accessToken, 'http://localhost:5173')).toBe('connected');
      expect(await handshake(own.url, user.accessToken, FOREIGN)).toMatch(/^refused/);
      const csp = (await fetch(`${own.url}/`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain(`ws://${new URL(own.url).host}`);
    } finally {
      await own?.close();
    }
  });

  it('refuses to start in production without PUBLIC_URL', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(24), WEB_DIST_DIR: 'none' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/PUBLIC_URL is required/);
    const config = loadConfig({ ...env, PUBLIC_URL: PUBLIC });
    expect(config.publicOrigins).toEqual([PUBLIC]);
    expect(config.apiDocs).toBe(false);
  });
});
