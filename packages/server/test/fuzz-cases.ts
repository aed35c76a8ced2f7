/**
 * The payload generators of the fuzz test (fuzz.test.ts): socket events with valid, mutated and
 * hostile payloads, and REST requests with hostile bodies and query strings.
 */
import { ClientEvent } from '@minimeet/contract';
import fc from 'fast-check';

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
  'userId',
  'kind',
  'block',
  'ban',
  'messageId',
  'replyToId',
  'emoji',
  'on',
  'attachmentIds',
] as const;

type Shape = 'ack' | 'no-ack' | 'extra-args';
export interface SocketCase {
  kind: 'socket';
  event: string;
  payload: unknown;
  shape: Shape;
}
export interface RestCase {
  kind: 'rest';
  method: 'GET' | 'POST' | 'DELETE';
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
    [ClientEvent.MuteMedia]: { roomId, userId: roomId, kind: 'audio', block: true },
    [ClientEvent.UnblockMedia]: { roomId, userId: roomId, kind: 'video' },
    [ClientEvent.RemoveMember]: { roomId, userId: roomId, ban: true },
    [ClientEvent.DeleteMessage]: { roomId, messageId: '1' },
    [ClientEvent.EditMessage]: { roomId, messageId: '1', content: 'edited' },
    [ClientEvent.DeleteOwnMessage]: { roomId, messageId: '1' },
    [ClientEvent.ReactToMessage]: { roomId, messageId: '1', emoji: '👍', on: true },
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

export function socketCase(roomId: string, peerId: string): fc.Arbitrary<SocketCase> {
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
    fc.constantFrom('q', 'roomId', 'limit', 'before', 'cursor', 'q[]', 'q[__proto__]', 'limit[a]'),
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

export function restCase(roomId: string): fc.Arbitrary<RestCase> {
  const body = fc.oneof(value, deep, protoObject, mutated('', roomId, ''));
  const rawBody = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.constantFrom('{', '[', 'null', '"x"', '1', '{"__proto__":{"x":1}}', '{"a":1,}', '\u0000'),
    fc.integer({ min: 100, max: 30_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  );
  const post = fc.tuple(
    fc.constantFrom(
      '/api/auth/register',
      '/api/auth/login',
      '/api/rooms',
      '/api/auth/password',
      '/api/auth/guest',
      `/api/rooms/${roomId}/members/${roomId}/mute`,
      `/api/rooms/${roomId}/attachments`,
    ),
    fc.oneof(
      { weight: 4, arbitrary: body.map((b) => ({ body: b })) },
      rawBody.map((r) => ({ raw: r })),
    ),
  );
  const getPath = fc.oneof(
    fc.constant(`/api/rooms/${roomId}/messages`),
    fc.string({ maxLength: 40 }).map((s) => `/api/rooms/${encodeURIComponent(s)}/messages`),
    fc.constant('/api/search/messages'),
    fc.constantFrom('/api/rooms', '/api/auth/sessions'),
    fc.constantFrom(`/api/rooms/${roomId}/moderation-log`, `/api/rooms/${roomId}/bans`),
    fc
      .string({ maxLength: 40 })
      .chain((s) =>
        fc.constantFrom(
          `/api/attachments/${encodeURIComponent(s)}`,
          `/api/attachments/${encodeURIComponent(s)}/thumbnail`,
        ),
      ),
    fc.string({ maxLength: 80 }).map((s) => `/api/auth/guest/${encodeURIComponent(s)}`),
  );
  // The account's own password is never generated: these can only be refused.
  const deletePath = fc.oneof(
    fc.constant('/api/auth/me'),
    fc.string({ maxLength: 40 }).map((s) => `/api/auth/sessions/${encodeURIComponent(s)}`),
    fc
      .string({ maxLength: 40 })
      .map((s) => `/api/rooms/${roomId}/messages/${encodeURIComponent(s)}`),
    fc
      .string({ maxLength: 40 })
      .map((s) => `/api/rooms/${roomId}/members/${encodeURIComponent(s)}`),
  );
  return fc.oneof(
    post.map(([path, b]) => ({ kind: 'rest' as const, method: 'POST' as const, path, ...b })),
    fc.tuple(getPath, queryString(roomId)).map(([path, qs]) => ({
      kind: 'rest' as const,
      method: 'GET' as const,
      path: qs ? `${path}?${qs}` : path,
    })),
    fc.tuple(deletePath, body).map(([path, b]) => ({
      kind: 'rest' as const,
      method: 'DELETE' as const,
      path,
      body: b,
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
export function frameSize(payload: unknown): number {
  try {
    if (attachments(payload) > 10) return Infinity;
    return Buffer.byteLength(JSON.stringify(payload ?? null) ?? '');
  } catch {
    return Infinity;
  }
}
