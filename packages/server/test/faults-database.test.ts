/**
 * The database unreachable (connections cut) and then hanging (connections open, nothing
 * answered), through a TCP proxy this test controls in front of MariaDB: sends are refused with
 * UNAVAILABLE within a bound (not held, not INTERNAL, no stack trace per send), /api/health
 * answers 503 within a second, and once the database is back the refused messages, sent again
 * with the same clientMessageId as the web outbox does, are stored exactly once.
 */
import type { ApiErrorBody, ChatMessage, HealthResponse, MessagePage } from '@minimeet/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enter, SocketPool, unwrap, type Member } from './call-helpers';
import { startProxy, type ProxyMode, type TcpProxy } from './fault-kit';
import {
  api,
  createBackend,
  emitAck,
  registerUser,
  startServer,
  type TestBackend,
  type TestServer,
} from './harness';

const QUERY_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 1000;
/** A refused send answers within this (a statement times out, then a connection attempt). */
const SEND_BOUND_MS = QUERY_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 1500;

describe('faults: database unreachable or hanging (MariaDB behind a proxy)', () => {
  let backend: TestBackend;
  let proxy: TcpProxy;
  let server: TestServer;
  const pool = new SocketPool();
  const logged: string[] = [];
  const writes = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };

  beforeAll(async () => {
    backend = await createBackend();
    const url = new URL(backend.env.DATABASE_URL ?? '');
    proxy = await startProxy(Number(url.port || 3306), url.hostname);
    url.port = String(proxy.port);
    server = await startServer({
      ...backend.env,
      DATABASE_URL: url.toString(),
      DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      LOG_LEVEL: 'warn',
    });
    // What the server logs during the outages (it logs through Nest's console logger).
    const capture =
      (write: typeof writes.out) =>
      (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        logged.push(String(chunk));
        return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
      };
    process.stdout.write = capture(writes.out);
    process.stderr.write = capture(writes.err);
  });
  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    proxy?.set('forward');
    await pool.closeAll();
    await server?.close();
    await proxy?.close();
    await backend?.cleanup();
  });

  async function health(): Promise<{ status: number; ms: number; body: HealthResponse }> {
    const started = Date.now();
    const res = await api<HealthResponse>(server.url, 'GET', '/api/health');
    return { status: res.status, ms: Date.now() - started, body: res.body };
  }

  async function send(member: Member, roomId: string, clientMessageId: string) {
    const started = Date.now();
    const ack = await emitAck(member.socket, 'sendMessage', {
      roomId,
      content: `text of ${clientMessageId}`,
      clientMessageId,
    });
    return { ack, ms: Date.now() - started };
  }

  it('refuses sends with UNAVAILABLE in bounded time, answers health 503 fast, and delivers the retries once', async () => {
    const owner = await registerUser(server.url);
    const roomId = (await createRoom(server.url, owner, 'Outage')).id;
    const alice = await enter(server.url, pool, roomId, owner);
    unwrap((await send(alice, roomId, 'warm-up')).ack);
    expect((await health()).status).toBe(200);

    const counts = { sent: 1, acked: 1, refused: 0, retried: 0 };
    const refusedIds: string[] = [];
    const slowest: Record<string, number> = {};
    for (const mode of ['cut', 'hang'] as ProxyMode[]) {
      proxy.set(mode);
      const h = await health();
      slowest.health = Math.max(slowest.health ?? 0, h.ms);
      expect(h.status, mode).toBe(503);
      expect(h.body.db).toBe('down');
      expect(h.ms, `health during ${mode}`).toBeLessThan(1000);
      // REST goes through the same error path: 503 UNAVAILABLE, not 500 INTERNAL.
      const rest = await api<ApiErrorBody>(server.url, 'GET', `/api/rooms/${roomId}/messages`, {
        token: alice.user.accessToken,
      });
      expect([rest.status, rest.body.error.code], `REST during ${mode}`).toEqual([
        503,
        'UNAVAILABLE',
      ]);
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => send(alice, roomId, `${mode}-${i}`)),
      );
      counts.sent += results.length;
      for (const [i, { ack, ms }] of results.entries()) {
        expect(ack.ok ? 'OK' : ack.error.code, `${mode} send ${i}`).toBe('UNAVAILABLE');
        expect(ms, `${mode} send ${i} answered after ${ms} ms`).toBeLessThan(SEND_BOUND_MS);
        slowest[mode] = Math.max(slowest[mode] ?? 0, ms);
        counts.refused += 1;
        refusedIds.push(`${mode}-${i}`);
      }
      proxy.set('forward');
    }

    // Back: health recovers, and the refused messages go out again (the outbox's retry).
    let back = await health();
    for (let i = 0; back.status !== 200 && i < 20; i++) back = await health();
    expect(back.status).toBe(200);
    for (const id of refusedIds) {
      let { ack } = await send(alice, roomId, id);
      counts.retried += 1;
      // A pooled connection the outage broke may fail once more before a new one is opened.
      if (!ack.ok && ack.error.code === 'UNAVAILABLE') ({ ack } = await send(alice, roomId, id));
      unwrap(ack);
      counts.acked += 1;
    }
    // Sent once more: answered with the stored message, not stored twice.
    unwrap((await send(alice, roomId, refusedIds[0] ?? '')).ack);

    const page = await api<MessagePage>(
      server.url,
      'GET',
      `/api/rooms/${roomId}/messages?limit=100`,
      {
        token: alice.user.accessToken,
      },
    );
    const stored = page.body.items.map((m: ChatMessage) => m.clientMessageId);
    const duplicates = stored.length - new Set(stored).size;
    expect(new Set(stored)).toEqual(new Set(['warm-up', ...refusedIds]));
    expect(duplicates).toBe(0);

    const text = logged.join('');
    const stackLines = text.split('\n').filter((l) => /^\s+at /.test(l)).length;
    const warnings = text.split('\n').filter((l) => /unavailable/i.test(l)).length;
    expect(stackLines).toBe(0);
    expect(warnings).toBeLessThanOrEqual(2);
    process.stdout.write(
      `[faults-db] sent ${counts.sent}, acked ${counts.acked}, refused ${counts.refused} (UNAVAILABLE; slowest ` +
        `cut ${slowest.cut} ms, hang ${slowest.hang} ms), retried ${counts.retried}, stored ${stored.length}, ` +
        `duplicates ${duplicates}, health during outage 503 in ${slowest.health} ms, log lines: ${warnings} warning(s), ${stackLines} stack lines\n`,
    );
  });
});
