import type { HealthResponse } from '@minimeet/contract';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connected, registerUser, startStack } from './harness';

describe('health and resilience', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it('drops a socket that sends an oversized frame and keeps serving everyone else', async () => {
    const user = await registerUser(stack.server.url);
    const big = await connected(stack.server.url, user.accessToken);
    const other = await connected(stack.server.url, user.accessToken);
    const dropped = new Promise<string>((resolve) => big.once('disconnect', resolve));
    // The ack never comes: the oversized frame gets the socket dropped.
    big.emit(
      'sendMessage',
      { roomId: 'x', content: 'x'.repeat(200_000), clientMessageId: 'big' },
      () => undefined,
    );
    expect(await dropped).toBe('transport close');
    expect(other.connected).toBe(true);
    expect((await api(stack.server.url, 'GET', '/api/health')).status).toBe(200);
    other.disconnect();
  });

  it('rejects oversized JSON bodies with 413 in the error shape', async () => {
    const res = await api<{ error: { code: string } }>(
      stack.server.url,
      'POST',
      '/api/auth/login',
      {
        body: { login: 'x', password: 'y'.repeat(200_000) },
      },
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('VALIDATION');
  });

  it('answers 503 when the database is unreachable', async () => {
    await stack.server.app.get(DataSource).destroy();
    const res = await api<HealthResponse>(stack.server.url, 'GET', '/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', db: 'down' });
  });
});
