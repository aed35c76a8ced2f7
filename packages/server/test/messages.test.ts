import type {
  Ack,
  ApiErrorBody,
  LoadHistoryResult,
  MessagePage,
  RoomListResponse,
} from '@minimeet/contract';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useChatStack } from './chat-context';
import { api, emitAck, nextEvent, registerUser } from './harness';
import { joinPayload } from './call-helpers';

describe('messages: idempotency, batching, history and limits', () => {
  const ctx = useChatStack();
  const { open, createRoom } = ctx;

  it('stores a retried clientMessageId once and broadcasts it once', async () => {
    const [alice, bob] = [await registerUser(ctx.base), await registerUser(ctx.base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const b = await open(bob);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    await emitAck(b, 'joinRoom', joinPayload(room.id));
    let received = 0;
    b.on('newMessage', () => received++);
    const first = await emitAck(a, 'sendMessage', {
      roomId: room.id,
      content: 'once',
      clientMessageId: 'retry-1',
    });
    const again = await emitAck(a, 'sendMessage', {
      roomId: room.id,
      content: 'once',
      clientMessageId: 'retry-1',
    });
    if (!first.ok || !again.ok) throw new Error('send failed');
    expect(again.data.message.id).toBe(first.data.message.id);
    // A later message proves the broadcast queue drained: only the two distinct messages arrived.
    const marker = nextEvent(b, 'newMessage', (m) => m.content === 'marker');
    await emitAck(a, 'sendMessage', {
      roomId: room.id,
      content: 'marker',
      clientMessageId: 'retry-2',
    });
    await marker;
    expect(received).toBe(2);
    const history = await api<MessagePage>(ctx.base, 'GET', `/api/rooms/${room.id}/messages`, {
      token: alice.accessToken,
    });
    expect(history.body.items.filter((m) => m.clientMessageId === 'retry-1')).toHaveLength(1);
  });

  it("stores concurrent sends in each socket's order, and a key repeated within one batch once", async () => {
    const [alice, bob] = [await registerUser(ctx.base), await registerUser(ctx.base)];
    const room = await createRoom(alice);
    const a1 = await open(alice);
    const a2 = await open(alice);
    const b = await open(bob);
    for (const s of [a1, a2, b]) await emitAck(s, 'joinRoom', joinPayload(room.id));
    const received: string[] = [];
    b.on('newMessage', (m) => received.push(m.clientMessageId));
    // Emitted together, these reach the server in one event-loop turn and are written as a batch.
    const sends = [
      emitAck(a1, 'sendMessage', { roomId: room.id, content: 'one', clientMessageId: 'batch-1' }),
      emitAck(a2, 'sendMessage', { roomId: room.id, content: 'one', clientMessageId: 'batch-1' }),
      emitAck(b, 'sendMessage', { roomId: room.id, content: 'two', clientMessageId: 'batch-1' }),
      emitAck(a1, 'sendMessage', { roomId: room.id, content: 'three', clientMessageId: 'batch-3' }),
    ];
    const acks = await Promise.all(sends);
    const ids = acks.map((r) => (r.ok ? r.data.message.id : r.error.code));
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    const marker = nextEvent(b, 'newMessage', (m) => m.clientMessageId === 'batch-end');
    await emitAck(a1, 'sendMessage', {
      roomId: room.id,
      content: 'end',
      clientMessageId: 'batch-end',
    });
    await marker;
    // Alice's once (not twice); Bob's own is in his ack, the room's broadcast skips his socket.
    expect(received.filter((id) => id === 'batch-1')).toHaveLength(1);
    const history = await api<MessagePage>(ctx.base, 'GET', `/api/rooms/${room.id}/messages`, {
      token: alice.accessToken,
    });
    const contents = history.body.items.map((m) => m.content);
    expect([...contents].sort()).toEqual(['end', 'one', 'three', 'two']);
    // One socket's messages keep their order (sockets race each other, so only per-socket order holds).
    expect(contents.indexOf('one')).toBeLessThan(contents.indexOf('three'));
    expect(contents.at(-1)).toBe('end');
  });

  it('moves every room of a batch to the top of the room list, whatever order they come in', async () => {
    const alice = await registerUser(ctx.base);
    const [r1, r2] = [
      await createRoom(alice, { name: 'r1' }),
      await createRoom(alice, { name: 'r2' }),
    ];
    await createRoom(alice, { name: 'r3' });
    const s = await open(alice);
    for (const r of [r2, r1]) await emitAck(s, 'joinRoom', joinPayload(r.id));
    // Emitted together: one batch holding both rooms, the later-created first.
    const acks = await Promise.all(
      [r2, r1, r2].map((r) =>
        emitAck(s, 'sendMessage', { roomId: r.id, content: 'bump', clientMessageId: randomUUID() }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const list = await api<RoomListResponse>(ctx.base, 'GET', '/api/rooms', {
      token: alice.accessToken,
    });
    const names = list.body.items.map((r) => r.name);
    expect(names.slice(0, 2).sort()).toEqual(['r1', 'r2']);
    expect(names[2]).toBe('r3');
  });

  it('answers a retry of a stored message within a batch of new ones: each stored once, in order', async () => {
    const alice = await registerUser(ctx.base);
    const room = await createRoom(alice);
    const a = await open(alice);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    const stored = await emitAck(a, 'sendMessage', {
      roomId: room.id,
      content: 'first',
      clientMessageId: 'mixed-1',
    });
    if (!stored.ok) throw new Error(stored.error.message);
    // One event-loop turn: the retry fails the batch's multi-row INSERT, so each takes one row.
    const acks = await Promise.all(
      ['mixed-2', 'mixed-1', 'mixed-3'].map((clientMessageId, i) =>
        emitAck(a, 'sendMessage', { roomId: room.id, content: `m${i}`, clientMessageId }),
      ),
    );
    const ids = acks.map((r) => (r.ok ? r.data.message.id : r.error.code));
    expect(ids[1]).toBe(stored.data.message.id);
    expect(new Set([...ids, stored.data.message.id]).size).toBe(3);
    const history = await api<MessagePage>(ctx.base, 'GET', `/api/rooms/${room.id}/messages`, {
      token: alice.accessToken,
    });
    expect(history.body.items.map((m) => m.clientMessageId)).toEqual([
      'mixed-1',
      'mixed-2',
      'mixed-3',
    ]);
  });

  it('pages history with keyset cursors over REST and the socket', async () => {
    const alice = await registerUser(ctx.base);
    const room = await createRoom(alice);
    const a = await open(alice);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    for (let i = 1; i <= 25; i++) {
      await emitAck(a, 'sendMessage', {
        roomId: room.id,
        content: `message ${i}`,
        clientMessageId: `h${i}`,
      });
    }
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const q = cursor ? `?limit=10&before=${cursor}` : '?limit=10';
      const page = await api<MessagePage>(ctx.base, 'GET', `/api/rooms/${room.id}/messages${q}`, {
        token: alice.accessToken,
      });
      expect(page.status).toBe(200);
      seen.unshift(...page.body.items.map((m) => m.content));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `message ${i + 1}`));

    const viaSocket = await emitAck(a, 'loadMessageHistory', { roomId: room.id, limit: 5 });
    if (!viaSocket.ok) throw new Error(viaSocket.error.message);
    expect(viaSocket.data.messages.map((m) => m.content)).toEqual([
      'message 21',
      'message 22',
      'message 23',
      'message 24',
      'message 25',
    ]);
    const older = await emitAck(a, 'loadMessageHistory', {
      roomId: room.id,
      limit: 5,
      before: viaSocket.data.nextCursor,
    });
    if (!older.ok) throw new Error(older.error.message);
    expect(older.data.messages[4]?.content).toBe('message 20');

    // Catching up: forward from a message id, a page at a time, oldest first.
    const fifth = older.data.messages[0];
    if (!fifth) throw new Error('no message 16');
    const caughtUp: string[] = [];
    let after: string | null = fifth.id;
    while (after) {
      const next: Ack<LoadHistoryResult> = await emitAck(a, 'loadMessageHistory', {
        roomId: room.id,
        limit: 4,
        after,
      });
      if (!next.ok) throw new Error(next.error.message);
      caughtUp.push(...next.data.messages.map((m) => m.content));
      after = next.data.nextCursor;
    }
    expect(caughtUp).toEqual(Array.from({ length: 9 }, (_, i) => `message ${i + 17}`));
    const newest = viaSocket.data.messages[4];
    const rest = await api<MessagePage>(
      ctx.base,
      'GET',
      `/api/rooms/${room.id}/messages?after=${newest?.id ?? ''}`,
      { token: alice.accessToken },
    );
    expect(rest.body).toEqual({ items: [], nextCursor: null });

    for (const q of [
      '?limit=0',
      '?limit=101',
      '?limit=abc',
      '?before=%%%',
      '?after=x',
      '?after=1&before=bTE',
    ]) {
      const bad = await api<ApiErrorBody>(ctx.base, 'GET', `/api/rooms/${room.id}/messages${q}`, {
        token: alice.accessToken,
      });
      expect(bad.status, q).toBe(400);
    }
  });

  it('answers malformed payloads with VALIDATION and survives missing acks and unknown events', async () => {
    const alice = await registerUser(ctx.base);
    const room = await createRoom(alice);
    const a = await open(alice);
    for (const payload of [null, 'string', 42, [], {}, { roomId: 'nope' }]) {
      expect(await emitAck(a, 'joinRoom', payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    for (const content of ['', '   ', 'x'.repeat(4001), 7]) {
      const res = await emitAck(a, 'sendMessage', {
        roomId: room.id,
        content,
        clientMessageId: randomUUID(),
      });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(
      await emitAck(a, 'sendMessage', {
        roomId: room.id,
        content: 'x'.repeat(4000),
        clientMessageId: 'max',
      }),
    ).toMatchObject({ ok: true });
    // No ack callback, unknown events, garbage: the server keeps serving this socket.
    (a as unknown as { emit: (...args: unknown[]) => void }).emit('sendMessage', {
      roomId: room.id,
      content: 'no ack',
      clientMessageId: 'na',
    });
    (a as unknown as { emit: (...args: unknown[]) => void }).emit(
      'noSuchEvent',
      { x: 1 },
      () => undefined,
    );
    (a as unknown as { emit: (...args: unknown[]) => void }).emit('typing');
    expect(await emitAck(a, 'typing', { roomId: room.id, isTyping: false })).toEqual({
      ok: true,
      data: null,
    });
  });

  it('rate-limits a flood from one socket without dropping the connection', async () => {
    const alice = await registerUser(ctx.base);
    const room = await createRoom(alice);
    const a = await open(alice);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        emitAck(a, 'sendMessage', {
          roomId: room.id,
          content: `flood ${i}`,
          clientMessageId: `f${i}`,
        }),
      ),
    );
    const limited = results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThanOrEqual(60);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
    expect(a.connected).toBe(true);
    const history = await api<MessagePage>(
      ctx.base,
      'GET',
      `/api/rooms/${room.id}/messages?limit=100`,
      { token: alice.accessToken },
    );
    expect(history.body.items).toHaveLength(results.filter((r) => r.ok).length);
  });
});
