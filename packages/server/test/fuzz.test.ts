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

/** Payloads sent (cases over the frame cap are generated but skipped, so more are generated). */
const SOCKET_TARGET = 7_600;
const REST_TARGET = 2_400;
const SOCKETS = 6;
/** Stay under the 64 KB frame cap (bigger frames close the socket by design). */
const MAX_FRAME_BYTES = 60_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

const CLIENT_EVENTS = Object.values(ClientEvent);
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const FIELD_KEYS = [
  'roomId',
  'content',
  'clientMessageId',
  'before',
  'limit',
  'isTyping',
  'media',
  'audio',
  'video',
  'screen',
  'targetPeerId',
  'description',
  'type',
  'sdp',
  'candidate',
  'sdpMid',
  'sdpMLineIndex',
  'samples',
  'streams',
  'handle',
  'username',
  'email',
  'password',
  'name',
  'maxParticipants',
  'q',
] as const;

type Shape = 'ack' | 'no-ack' | 'extra-args';
interface SocketCase {
  kind: 'socket';
  event: string;
  payload: unknown;
  shape: Shape;
}
interface RestCase {
  kind: 'rest';
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  raw?: string;
}

const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 3, arbitrary: fc.constantFrom(...FIELD_KEYS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
);
/** One repeated character up to ~48 KB once JSON-encoded (escapes and UTF-8 counted). */
const hugeString = fc
  .tuple(
    fc.constantFrom(['a', 1], ['é', 2], ['\u{1F600}', 4], ['\u0000', 6], ['\uD800', 6], ['<', 1]),
    fc.nat({ max: 48_000 }),
  )
  .map(([[c, bytes], size]) => (c as string).repeat(Math.floor(size / (bytes as number))));
const leaf = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', '0', 'true', '[]', '{}', '__proto__', '00000000-0000-0000-0000-000000000000'),
  { weight: 1, arbitrary: hugeString },
  fc.uint8Array({ maxLength: 16 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;
/** Nesting far deeper than any DTO: arrays, objects, or mixed, 20 to 3,000 levels. */
const deep = fc
  .tuple(fc.integer({ min: 20, max: 3_000 }), fc.constantFrom('array', 'object', 'mixed'), key)
  .map(([depth, how, k]) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) {
      const asArray = how === 'array' || (how === 'mixed' && i % 2 === 0);
      v = asArray ? [v] : { [k]: v };
    }
    return v;
  });
/** An object built with own prototype-named keys (JSON.parse style), not a prototype change. */
const protoObject = fc
  .array(fc.tuple(fc.constantFrom(...PROTO_KEYS, ...FIELD_KEYS), value), { maxLength: 5 })
  .map((entries) => Object.fromEntries(entries) as unknown);

function validBase(event: string, roomId: string, peerId: string): Record<string, unknown> {
  const ice = { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0' };
  const desc = { type: 'offer', sdp: 'v=0' };
  const bases: Record<string, Record<string, unknown>> = {
    [ClientEvent.SendMessage]: { roomId, content: 'hi', clientMessageId: 'c1' },
    [ClientEvent.LoadMessageHistory]: { roomId, limit: 5 },
    [ClientEvent.Typing]: { roomId, isTyping: true },
    [ClientEvent.JoinCall]: { roomId, media: { audio: true, video: false, screen: false } },
    [ClientEvent.MediaState]: { roomId, audio: true, video: false, screen: false },
    [ClientEvent.WebrtcOffer]: { roomId, targetPeerId: peerId, description: desc },
    [ClientEvent.WebrtcAnswer]: { roomId, targetPeerId: peerId, description: desc },
    [ClientEvent.IceCandidate]: { roomId, targetPeerId: peerId, candidate: ice },
    [ClientEvent.CallStats]: { roomId, samples: [] },
    [ClientEvent.SfuPublish]: { roomId, description: desc },
    [ClientEvent.SfuAnswer]: { roomId, description: desc },
    [ClientEvent.SfuCandidate]: { roomId, handle: 'publisher', candidate: ice },
    [ClientEvent.SfuConfigure]: { roomId, streams: [] },
  };
  return bases[event] ?? { roomId };
}

/** A valid payload with one field replaced, or prototype keys added, or nested at a field. */
function mutated(event: string, roomId: string, peerId: string): fc.Arbitrary<unknown> {
  return fc.tuple(key, fc.oneof(value, deep, protoObject), fc.boolean()).map(([k, v, replace]) => {
    const base = validBase(event, roomId, peerId);
    const field = replace ? (Object.keys(base)[0] ?? k) : k;
    // A computed key makes an own property even for `__proto__` (as JSON.parse does).
    return { ...base, [field]: v };
  });
}

function payloadFor(event: string, roomId: string, peerId: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: value },
    { weight: 1, arbitrary: deep },
    { weight: 2, arbitrary: protoObject },
    { weight: 3, arbitrary: mutated(event, roomId, peerId) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, '', [], 'roomId', true) },
  );
}

function socketCase(roomId: string, peerId: string): fc.Arbitrary<SocketCase> {
  return fc
    .tuple(
      fc.constantFrom(...CLIENT_EVENTS),
      fc.constantFrom<Shape>('ack', 'ack', 'ack', 'ack', 'no-ack', 'extra-args'),
    )
    .chain(([event, shape]) =>
      payloadFor(event, roomId, peerId).map((payload) => ({
        kind: 'socket' as const,
        event,
        payload,
        shape,
      })),
    );
}

function queryString(roomId: string): fc.Arbitrary<string> {
  const qkey = fc.oneof(
    fc.constantFrom('q', 'roomId', 'limit', 'before', 'q[]', 'q[__proto__]', 'limit[a]'),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'constructor[prototype]'),
    fc.string({ maxLength: 10 }),
  );
  const qval = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(roomId, '-1', '0', '1e309', 'NaN', '101', '%00', ''),
    fc.nat({ max: 5_000 }).map((n) => 'x'.repeat(n)),
  );
  return fc
    .array(fc.tuple(qkey, qval), { maxLength: 5 })
    .map((pairs) =>
      pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
    );
}

function restCase(roomId: string): fc.Arbitrary<RestCase> {
  const body = fc.oneof(value, deep, protoObject, mutated('', roomId, ''));
  const rawBody = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.constantFrom('{', '[', 'null', '"x"', '1', '{"__proto__":{"x":1}}', '{"a":1,}', '\u0000'),
    fc.integer({ min: 100, max: 30_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  );
  const post = fc.tuple(
    fc.constantFrom('/api/auth/register', '/api/auth/login', '/api/rooms'),
    fc.oneof(
      { weight: 4, arbitrary: body.map((b) => ({ body: b })) },
      rawBody.map((r) => ({ raw: r })),
    ),
  );
  const getPath = fc.oneof(
    fc.constant(`/api/rooms/${roomId}/messages`),
    fc.string({ maxLength: 40 }).map((s) => `/api/rooms/${encodeURIComponent(s)}/messages`),
    fc.constant('/api/search/messages'),
  );
  return fc.oneof(
    post.map(([path, b]) => ({ kind: 'rest' as const, method: 'POST' as const, path, ...b })),
    fc.tuple(getPath, queryString(roomId)).map(([path, qs]) => ({
      kind: 'rest' as const,
      method: 'GET' as const,
      path: qs ? `${path}?${qs}` : path,
    })),
  );
}

/** Binary attachments of a payload (Socket.IO's parser closes a socket sending more than 10). */
function attachments(value: unknown): number {
  if (value instanceof Uint8Array) return 1;
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Uint8Array) n++;
    else if (v !== null && typeof v === 'object') stack.push(...(Object.values(v) as unknown[]));
  }
  return n;
}

/** Bytes of the frame a payload makes, or Infinity when it would be refused by design. */
function frameSize(payload: unknown): number {
  try {
    if (attachments(payload) > 10) return Infinity;
    return Buffer.byteLength(JSON.stringify(payload ?? null) ?? '');
  } catch {
    return Infinity;
  }
}

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
              ...(c.method === 'POST' ? { 'content-type': 'application/json' } : {}),
            },
            body: c.method === 'POST' ? (c.raw ?? JSON.stringify(c.body ?? null)) : undefined,
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
