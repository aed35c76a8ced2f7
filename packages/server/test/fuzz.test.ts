/**
 * Property-based fuzz of every socket event and the public REST routes: any payload shape must be
 * answered with a client error code (VALIDATION, FORBIDDEN, RATE_LIMITED, ...), never INTERNAL,
 * never a crash, never an error-level log. Seed: FUZZ_SEED=<n> to replay a run.
 */
import { ClientEvent, ErrorCode, type Room } from '@minimeet/contract';
import { ConsoleLogger } from '@nestjs/common';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  api,
  connected,
  emitAck,
  registerUser,
  startStack,
  type ClientSocket,
  type TestUser,
} from './harness';
import { joinPayload, rememberInvite } from './call-helpers';
import { frameSize, restCase, socketCase, type RestCase, type SocketCase } from './fuzz-cases';

/** Payloads sent (cases over the frame cap are generated but skipped, so more are generated). */
const SOCKET_TARGET = 7_600;
const REST_TARGET = 2_400;
const SOCKETS = 6;
/** Stay under the 64 KB frame cap (bigger frames close the socket by design). */
const MAX_FRAME_BYTES = 60_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

describe('fuzz: malformed input never becomes INTERNAL', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let owner: TestUser;
  let member: TestUser;
  let room: Room;
  const errorLogs: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
    owner = await registerUser(stack.server.url);
    member = await registerUser(stack.server.url);
    room = (
      await api<Room>(stack.server.url, 'POST', '/api/rooms', {
        token: owner.accessToken,
        body: { name: 'Fuzz' },
      })
    ).body;
    rememberInvite(room);
    vi.spyOn(ConsoleLogger.prototype, 'error').mockImplementation((...args: unknown[]) => {
      errorLogs.push(args.map(String).join(' ').slice(0, 500));
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await stack.stop();
  });

  async function joinedSocket(user: TestUser): Promise<ClientSocket> {
    const socket = await connected(stack.server.url, user.accessToken);
    await emitAck(socket, ClientEvent.JoinRoom, joinPayload(room.id));
    return socket;
  }

  it(
    'answers 10,000 generated payloads without INTERNAL or error logs',
    { timeout: 120_000 },
    async () => {
      const started = Date.now();
      const base = stack.server.url;
      const users = [owner, member];
      const sockets = await Promise.all(
        Array.from({ length: SOCKETS }, (_, i) => joinedSocket(users[i % 2] as TestUser)),
      );
      const peerId = sockets[1]?.id ?? 'peer';
      const counts = new Map<string, number>();
      const internals: string[] = [];
      const count = (label: string): void => {
        counts.set(label, (counts.get(label) ?? 0) + 1);
      };
      // Without an ack callback nothing is answered; an ack envelope arriving as an event would be
      // a bug (server events named like client events, e.g. `typing`, carry no `ok`).
      for (const socket of sockets) {
        socket.onAny((event: string, answer: unknown) => {
          if (typeof answer !== 'object' || answer === null || !('ok' in answer)) return;
          count(`socket unexpected answer event ${event}`);
          internals.push(`${event} answered as an event`);
        });
      }

      const socketCases = fc.sample(socketCase(room.id, peerId), {
        numRuns: SOCKET_TARGET + 1_500,
        seed: SEED,
      });
      const restCases = fc.sample(restCase(room.id), { numRuns: REST_TARGET + 300, seed: SEED });
      let socketSent = 0;
      let restSent = 0;

      const runSocketCases = async (socket: ClientSocket, cases: SocketCase[]): Promise<void> => {
        let s = socket;
        for (const c of cases) {
          if (socketSent >= SOCKET_TARGET) break;
          const args = c.shape === 'extra-args' ? [c.payload, c.payload, 1] : [c.payload];
          if (frameSize(args) > MAX_FRAME_BYTES) {
            count('socket skipped (over the frame cap)');
            continue;
          }
          if (!s.connected) {
            count('socket reconnected');
            s = await joinedSocket(owner);
          }
          socketSent++;
          const raw = s as unknown as {
            emit: (e: string, ...a: unknown[]) => void;
            timeout: (ms: number) => {
              emitWithAck: (e: string, ...a: unknown[]) => Promise<unknown>;
            };
          };
          if (c.shape === 'no-ack') {
            raw.emit(c.event, c.payload);
            count('socket sent without ack');
            continue;
          }
          try {
            const answer = (await raw.timeout(5_000).emitWithAck(c.event, ...args)) as {
              ok: boolean;
              error?: { code: string };
            };
            const code = answer.ok ? 'ok' : (answer.error?.code ?? 'malformed-ack');
            count(`socket ${code}`);
            if (code === ErrorCode.INTERNAL || code === 'malformed-ack') {
              internals.push(`${c.event} ${JSON.stringify(c.payload)?.slice(0, 300)}`);
            }
          } catch (e) {
            count(`socket no answer (${String(e).slice(0, 60)})`);
            internals.push(`${c.event} no answer: ${JSON.stringify(c.payload)?.slice(0, 300)}`);
          }
        }
      };

      const runRestCases = async (cases: RestCase[]): Promise<void> => {
        for (const c of cases) {
          if (restSent >= REST_TARGET) break;
          if (c.raw === undefined && frameSize(c.body) > MAX_FRAME_BYTES) {
            count('rest skipped (over the size cap)');
            continue;
          }
          restSent++;
          const res = await fetch(`${base}${c.path}`, {
            method: c.method,
            headers: {
              authorization: `Bearer ${owner.accessToken}`,
              ...(c.method === 'GET' ? {} : { 'content-type': 'application/json' }),
            },
            body: c.method === 'GET' ? undefined : (c.raw ?? JSON.stringify(c.body ?? null)),
          });
          const text = await res.text();
          let code = `${res.status}`;
          try {
            const body = JSON.parse(text) as { error?: { code?: string } };
            code = body.error?.code ?? `${res.status}`;
          } catch {
            code = `${res.status} non-json`;
          }
          count(`rest ${code}`);
          if (res.status >= 500 || code === ErrorCode.INTERNAL) {
            internals.push(
              `${c.method} ${c.path.slice(0, 200)} ${String(c.raw ?? JSON.stringify(c.body))?.slice(0, 300)}`,
            );
          }
        }
      };

      const chunk = <T>(items: T[], n: number): T[][] =>
        Array.from({ length: n }, (_, i) => items.filter((_, j) => j % n === i));
      await Promise.all([
        ...chunk(socketCases, SOCKETS).map((cases, i) =>
          runSocketCases(sockets[i] as ClientSocket, cases),
        ),
        ...chunk(restCases, 2).map((cases) => runRestCases(cases)),
      ]);
      // Let answers to ack-less emits arrive.
      await new Promise((r) => setTimeout(r, 300));

      // The server is healthy after: health answers and a normal chat message goes through.
      const health = await api(base, 'GET', '/api/health');
      const fresh = await joinedSocket(member);
      const sendAck = await emitAck(fresh, ClientEvent.SendMessage, {
        roomId: room.id,
        content: 'still alive',
        clientMessageId: `alive-${SEED}`,
      });
      for (const s of [...sockets, fresh]) s.disconnect();

      const summary = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      process.stdout.write(
        `fuzz seed=${SEED} payloads sent=${socketSent + restSent} (socket ${socketSent}, REST ${restSent}) in ${Date.now() - started} ms; INTERNAL=${internals.length}, error logs=${errorLogs.length}\n` +
          summary.map(([k, v]) => `  ${k}: ${v}`).join('\n') +
          (internals.length
            ? `\n first INTERNAL cases:\n  ${internals.slice(0, 8).join('\n  ')}`
            : '') +
          (errorLogs.length
            ? `\n first error logs:\n  ${errorLogs.slice(0, 4).join('\n  ')}`
            : '') +
          '\n',
      );
      expect(socketSent + restSent).toBeGreaterThanOrEqual(10_000);
      expect(internals).toEqual([]);
      expect(errorLogs).toEqual([]);
      expect(health.status).toBe(200);
      expect(sendAck.ok).toBe(true);
    },
  );
});
