import type {
  ApiErrorBody,
  MessagePage,
  Room,
  RoomDetail,
  RoomListResponse,
} from '@minimeet/contract';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  connect,
  connected,
  emitAck,
  nextEvent,
  registerUser,
  startStack,
  type ClientSocket,
  type TestUser,
} from './harness';

describe('rooms and real-time chat', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const sockets: ClientSocket[] = [];
  const open = async (user: TestUser): Promise<ClientSocket> => {
    const s = await connected(base, user.accessToken);
    sockets.push(s);
    return s;
  };
  const createRoom = async (
    user: TestUser,
    body: Record<string, unknown> = { name: 'Standup' },
  ): Promise<Room> =>
    (await api<Room>(base, 'POST', '/api/rooms', { token: user.accessToken, body })).body;

  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => stack.stop());

  it('refuses a socket without a valid token with connect_error "unauthorized"', async () => {
    for (const token of [undefined, 'garbage']) {
      const socket = connect(base, token);
      const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(err.message).toBe('unauthorized');
      socket.close();
    }
  });

  it('creates rooms with unguessable ids and validates the body', async () => {
    const alice = await registerUser(base);
    const room = await createRoom(alice, { name: '  Design review ', maxParticipants: 8 });
    expect(room).toMatchObject({
      name: 'Design review',
      ownerId: alice.user.id,
      maxParticipants: 8,
    });
    expect(room.id).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await api<ApiErrorBody>(base, 'POST', '/api/rooms', {
      token: alice.accessToken,
      body: { name: '', maxParticipants: 0 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {}).sort()).toEqual(['maxParticipants', 'name']);
    expect(
      (await api(base, 'GET', `/api/rooms/${randomUUID()}`, { token: alice.accessToken })).status,
    ).toBe(404);
    expect(
      (await api(base, 'GET', '/api/rooms/not-a-uuid', { token: alice.accessToken })).status,
    ).toBe(404);
  });

  it('joins by link, shows presence once per user, and chats both ways live', async () => {
    const [alice, bob] = [await registerUser(base), await registerUser(base)];
    const room = await createRoom(alice);
    const a1 = await open(alice);
    const a2 = await open(alice); // a second tab
    expect((await emitAck(a1, 'joinRoom', { roomId: room.id })).ok).toBe(true);
    await emitAck(a2, 'joinRoom', { roomId: room.id });

    const b = await open(bob);
    const seenByAlice = nextEvent(a1, 'participantsUpdate', (e) => e.participants.length === 2);
    const joined = await emitAck(b, 'joinRoom', { roomId: room.id });
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.data.room.name).toBe('Standup');
    const names = (await seenByAlice).participants.map((p) => p.username).sort();
    expect(names).toEqual([alice.user.username, bob.user.username].sort());

    const toBob = nextEvent(b, 'newMessage');
    const toAliceOtherTab = nextEvent(a2, 'newMessage');
    const sent = await emitAck(a1, 'sendMessage', {
      roomId: room.id,
      content: '  hello bob  ',
      clientMessageId: 'c1',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.message).toMatchObject({
      content: 'hello bob',
      sender: { id: alice.user.id, username: alice.user.username },
      clientMessageId: 'c1',
    });
    expect((await toBob).id).toBe(sent.data.message.id);
    expect((await toAliceOtherTab).id).toBe(sent.data.message.id);
    expect(JSON.stringify(await toBob)).not.toContain('@');

    const toAlice = nextEvent(a1, 'newMessage');
    await emitAck(b, 'sendMessage', {
      roomId: room.id,
      content: 'hi alice',
      clientMessageId: 'c1',
    });
    expect((await toAlice).sender.username).toBe(bob.user.username);

    // Bob now lists the room; its last message time is set.
    const list = await api<RoomListResponse>(base, 'GET', '/api/rooms', { token: bob.accessToken });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: room.id, onlineCount: 2 });
    expect(list.body.items[0]?.lastMessageAt).not.toBeNull();
    const detail = await api<RoomDetail>(base, 'GET', `/api/rooms/${room.id}`, {
      token: bob.accessToken,
    });
    expect(detail.body.participants).toHaveLength(2);

    // Alice closes one tab: still online. She closes the other: Bob sees her go.
    a2.disconnect();
    const aliceGone = nextEvent(b, 'participantsUpdate', (e) => e.participants.length === 1);
    a1.disconnect();
    expect((await aliceGone).participants[0]?.userId).toBe(bob.user.id);
  });

  it('lists rooms newest activity first', async () => {
    const alice = await registerUser(base);
    const older = await createRoom(alice, { name: 'older' });
    await createRoom(alice, { name: 'newer' });
    const s = await open(alice);
    await emitAck(s, 'joinRoom', { roomId: older.id });
    await emitAck(s, 'sendMessage', {
      roomId: older.id,
      content: 'bump',
      clientMessageId: randomUUID(),
    });
    const list = await api<RoomListResponse>(base, 'GET', '/api/rooms', {
      token: alice.accessToken,
    });
    expect(list.body.items.map((r) => r.name)).toEqual(['older', 'newer']);
  });

  it('stores a retried clientMessageId once and broadcasts it once', async () => {
    const [alice, bob] = [await registerUser(base), await registerUser(base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const b = await open(bob);
    await emitAck(a, 'joinRoom', { roomId: room.id });
    await emitAck(b, 'joinRoom', { roomId: room.id });
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
    const history = await api<MessagePage>(base, 'GET', `/api/rooms/${room.id}/messages`, {
      token: alice.accessToken,
    });
    expect(history.body.items.filter((m) => m.clientMessageId === 'retry-1')).toHaveLength(1);
  });

  it("stores concurrent sends in each socket's order, and a key repeated within one batch once", async () => {
    const [alice, bob] = [await registerUser(base), await registerUser(base)];
    const room = await createRoom(alice);
    const a1 = await open(alice);
    const a2 = await open(alice);
    const b = await open(bob);
    for (const s of [a1, a2, b]) await emitAck(s, 'joinRoom', { roomId: room.id });
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
    expect(received.filter((id) => id === 'batch-1')).toHaveLength(2); // Alice's and Bob's, not Alice's twice
    const history = await api<MessagePage>(base, 'GET', `/api/rooms/${room.id}/messages`, {
      token: alice.accessToken,
    });
    const contents = history.body.items.map((m) => m.content);
    expect([...contents].sort()).toEqual(['end', 'one', 'three', 'two']);
    // One socket's messages keep their order (sockets race each other, so only per-socket order holds).
    expect(contents.indexOf('one')).toBeLessThan(contents.indexOf('three'));
    expect(contents.at(-1)).toBe('end');
  });

  it('pages history with keyset cursors over REST and the socket', async () => {
    const alice = await registerUser(base);
    const room = await createRoom(alice);
    const a = await open(alice);
    await emitAck(a, 'joinRoom', { roomId: room.id });
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
      const page = await api<MessagePage>(base, 'GET', `/api/rooms/${room.id}/messages${q}`, {
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

    for (const q of ['?limit=0', '?limit=101', '?limit=abc', '?before=%%%']) {
      const bad = await api<ApiErrorBody>(base, 'GET', `/api/rooms/${room.id}/messages${q}`, {
        token: alice.accessToken,
      });
      expect(bad.status, q).toBe(400);
    }
  });

  it('never shows a room to non-members: history 403, send refused, no broadcasts leak', async () => {
    const [alice, mallory] = [await registerUser(base), await registerUser(base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const m = await open(mallory);
    await emitAck(a, 'joinRoom', { roomId: room.id });
    const leaked: unknown[] = [];
    for (const event of ['newMessage', 'typing', 'participantsUpdate'] as const)
      m.on(event, (e: unknown) => leaked.push(e));

    const history = await api<ApiErrorBody>(base, 'GET', `/api/rooms/${room.id}/messages`, {
      token: mallory.accessToken,
    });
    expect(history.status).toBe(403);
    expect(history.body.error.code).toBe('FORBIDDEN');
    const viaSocket = await emitAck(m, 'loadMessageHistory', { roomId: room.id });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const messageError = nextEvent(m, 'messageError');
    const send = await emitAck(m, 'sendMessage', {
      roomId: room.id,
      content: 'let me in',
      clientMessageId: 'x1',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await messageError).toMatchObject({ code: 'FORBIDDEN', clientMessageId: 'x1' });
    expect(await emitAck(m, 'typing', { roomId: room.id, isTyping: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const marker = nextEvent(a, 'newMessage');
    await emitAck(a, 'sendMessage', { roomId: room.id, content: 'private', clientMessageId: 'p1' });
    await emitAck(a, 'typing', { roomId: room.id, isTyping: true });
    await marker;
    // Mallory's own round trip after Alice's events proves anything sent to her has arrived.
    await emitAck(m, 'leaveRoom', { roomId: room.id });
    expect(leaked).toEqual([]);
  });

  it('leaveRoom acks and tells those left', async () => {
    const [alice, bob] = [await registerUser(base), await registerUser(base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const b = await open(bob);
    await emitAck(a, 'joinRoom', { roomId: room.id });
    await emitAck(b, 'joinRoom', { roomId: room.id });
    const update = nextEvent(a, 'participantsUpdate', (e) => e.participants.length === 1);
    expect(await emitAck(b, 'leaveRoom', { roomId: room.id })).toEqual({
      ok: true,
      data: { roomId: room.id },
    });
    expect((await update).participants.map((p) => p.userId)).toEqual([alice.user.id]);
    // Having left, Bob may no longer send there.
    expect(
      await emitAck(b, 'sendMessage', { roomId: room.id, content: 'gone', clientMessageId: 'g1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('relays typing to the others in the room', async () => {
    const [alice, bob] = [await registerUser(base), await registerUser(base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const b = await open(bob);
    await emitAck(a, 'joinRoom', { roomId: room.id });
    await emitAck(b, 'joinRoom', { roomId: room.id });
    const typing = nextEvent(b, 'typing');
    expect(await emitAck(a, 'typing', { roomId: room.id, isTyping: true })).toEqual({
      ok: true,
      data: null,
    });
    expect(await typing).toEqual({
      roomId: room.id,
      userId: alice.user.id,
      username: alice.user.username,
      isTyping: true,
    });
  });

  it('answers malformed payloads with VALIDATION and survives missing acks and unknown events', async () => {
    const alice = await registerUser(base);
    const room = await createRoom(alice);
    const a = await open(alice);
    for (const payload of [null, 'string', 42, [], {}, { roomId: 'nope' }]) {
      expect(await emitAck(a, 'joinRoom', payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    await emitAck(a, 'joinRoom', { roomId: room.id });
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
    const alice = await registerUser(base);
    const room = await createRoom(alice);
    const a = await open(alice);
    await emitAck(a, 'joinRoom', { roomId: room.id });
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
      base,
      'GET',
      `/api/rooms/${room.id}/messages?limit=100`,
      { token: alice.accessToken },
    );
    expect(history.body.items).toHaveLength(results.filter((r) => r.ok).length);
  });

  it('refuses a joiner when the room is full of online people', async () => {
    const [alice, bob, carol] = [
      await registerUser(base),
      await registerUser(base),
      await registerUser(base),
    ];
    const room = await createRoom(alice, { name: 'pair', maxParticipants: 2 });
    await emitAck(await open(alice), 'joinRoom', { roomId: room.id });
    await emitAck(await open(bob), 'joinRoom', { roomId: room.id });
    expect(await emitAck(await open(carol), 'joinRoom', { roomId: room.id })).toMatchObject({
      ok: false,
      error: { code: 'ROOM_FULL' },
    });
  });
});
