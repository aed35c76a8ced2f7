import type { ApiErrorBody, RoomDetail, RoomListResponse } from '@minimeet/contract';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useChatStack } from './chat-context';
import { api, connect, emitAck, nextEvent, registerUser } from './harness';
import { joinPayload } from './call-helpers';

describe('rooms, presence and real-time chat', () => {
  const ctx = useChatStack();
  const { open, createRoom } = ctx;

  it('refuses a socket without a valid token with connect_error "unauthorized"', async () => {
    for (const token of [undefined, 'garbage']) {
      const socket = connect(ctx.base, token);
      const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(err.message).toBe('unauthorized');
      socket.close();
    }
  });

  it('creates rooms with unguessable ids and validates the body', async () => {
    const alice = await registerUser(ctx.base);
    const room = await createRoom(alice, { name: '  Design review ', maxParticipants: 8 });
    expect(room).toMatchObject({
      name: 'Design review',
      ownerId: alice.user.id,
      maxParticipants: 8,
    });
    expect(room.id).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await api<ApiErrorBody>(ctx.base, 'POST', '/api/rooms', {
      token: alice.accessToken,
      body: { name: '', maxParticipants: 0 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {}).sort()).toEqual(['maxParticipants', 'name']);
    expect(
      (await api(ctx.base, 'GET', `/api/rooms/${randomUUID()}`, { token: alice.accessToken }))
        .status,
    ).toBe(404);
    expect(
      (await api(ctx.base, 'GET', '/api/rooms/not-a-uuid', { token: alice.accessToken })).status,
    ).toBe(404);
  });

  it('joins by link, shows presence once per user, and chats both ways live', async () => {
    const [alice, bob] = [await registerUser(ctx.base), await registerUser(ctx.base)];
    const room = await createRoom(alice);
    const a1 = await open(alice);
    const a2 = await open(alice); // a second tab
    expect((await emitAck(a1, 'joinRoom', joinPayload(room.id))).ok).toBe(true);
    await emitAck(a2, 'joinRoom', joinPayload(room.id));

    const b = await open(bob);
    const seenByAlice = nextEvent(a1, 'participantsUpdate', (e) => e.participants.length === 2);
    const joined = await emitAck(b, 'joinRoom', joinPayload(room.id));
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.data.room.name).toBe('Standup');
    const names = (await seenByAlice).participants.map((p) => p.username).sort();
    expect(names).toEqual([alice.user.username, bob.user.username].sort());

    const toBob = nextEvent(b, 'newMessage');
    const toAliceOtherTab = nextEvent(a2, 'newMessage');
    const heardBySender: string[] = [];
    a1.on('newMessage', (m) => heardBySender.push(m.content));
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
    // The sending tab had its message in the ack: the room's broadcast skipped it.
    expect(heardBySender).toEqual(['hi alice']);

    // Bob now lists the room; its last message time is set.
    const list = await api<RoomListResponse>(ctx.base, 'GET', '/api/rooms', {
      token: bob.accessToken,
    });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: room.id, onlineCount: 2 });
    expect(list.body.items[0]?.lastMessageAt).not.toBeNull();
    const detail = await api<RoomDetail>(ctx.base, 'GET', `/api/rooms/${room.id}`, {
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
    const alice = await registerUser(ctx.base);
    const older = await createRoom(alice, { name: 'older' });
    await createRoom(alice, { name: 'newer' });
    const s = await open(alice);
    await emitAck(s, 'joinRoom', joinPayload(older.id));
    await emitAck(s, 'sendMessage', {
      roomId: older.id,
      content: 'bump',
      clientMessageId: randomUUID(),
    });
    const list = await api<RoomListResponse>(ctx.base, 'GET', '/api/rooms', {
      token: alice.accessToken,
    });
    expect(list.body.items.map((r) => r.name)).toEqual(['older', 'newer']);
  });

  it('never shows a room to non-members: history 403, send refused, no broadcasts leak', async () => {
    const [alice, mallory] = [await registerUser(ctx.base), await registerUser(ctx.base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const m = await open(mallory);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    const leaked: unknown[] = [];
    for (const event of ['newMessage', 'typing', 'participantsUpdate'] as const)
      m.on(event, (e: unknown) => leaked.push(e));

    const history = await api<ApiErrorBody>(ctx.base, 'GET', `/api/rooms/${room.id}/messages`, {
      token: mallory.accessToken,
    });
    expect(history.status).toBe(403);
    expect(history.body.error.code).toBe('FORBIDDEN');
    const viaSocket = await emitAck(m, 'loadMessageHistory', { roomId: room.id });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const send = await emitAck(m, 'sendMessage', {
      roomId: room.id,
      content: 'let me in',
      clientMessageId: 'x1',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emitAck(m, 'typing', { roomId: room.id, isTyping: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // Alice's other tab hears the message once it has gone out (the sender's own is its ack).
    const a2 = await open(alice);
    await emitAck(a2, 'joinRoom', joinPayload(room.id));
    const marker = nextEvent(a2, 'newMessage');
    await emitAck(a, 'sendMessage', { roomId: room.id, content: 'private', clientMessageId: 'p1' });
    await emitAck(a, 'typing', { roomId: room.id, isTyping: true });
    await marker;
    // Mallory's own round trip after Alice's events proves anything sent to her has arrived.
    await emitAck(m, 'leaveRoom', { roomId: room.id });
    expect(leaked).toEqual([]);
  });

  it('leaveRoom acks and tells those left', async () => {
    const [alice, bob] = [await registerUser(ctx.base), await registerUser(ctx.base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const b = await open(bob);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    await emitAck(b, 'joinRoom', joinPayload(room.id));
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
    const [alice, bob] = [await registerUser(ctx.base), await registerUser(ctx.base)];
    const room = await createRoom(alice);
    const a = await open(alice);
    const b = await open(bob);
    await emitAck(a, 'joinRoom', joinPayload(room.id));
    await emitAck(b, 'joinRoom', joinPayload(room.id));
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

  it('refuses a joiner when the room is full of online people', async () => {
    const [alice, bob, carol] = [
      await registerUser(ctx.base),
      await registerUser(ctx.base),
      await registerUser(ctx.base),
    ];
    const room = await createRoom(alice, { name: 'pair', maxParticipants: 2 });
    await emitAck(await open(alice), 'joinRoom', joinPayload(room.id));
    await emitAck(await open(bob), 'joinRoom', joinPayload(room.id));
    expect(await emitAck(await open(carol), 'joinRoom', joinPayload(room.id))).toMatchObject({
      ok: false,
      error: { code: 'ROOM_FULL' },
    });
  });
});
