/**
 * Issue 10: @mentions, read markers and unread counts. With MariaDB + Redis the people are spread
 * over two processes, so markers and room activity have to cross them.
 */
import type { RoomListResponse, RoomSummary } from '@minimeet/contract';
import { UNREAD_COUNT_CAP } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { createRoom, enter, errorCode, joinPayload, unwrap } from './call-helpers';
import { api, connected, emitAck, nextEvent, registerUser, type TestUser } from './harness';
import { sendMessage as send, useChatCluster } from './chat-kit';

const { url, pool, room } = useChatCluster();

async function summary(user: TestUser, roomId: string, i = 0): Promise<RoomSummary | undefined> {
  const res = await api<RoomListResponse>(url(i), 'GET', '/api/rooms', {
    token: user.accessToken,
  });
  expect(res.status).toBe(200);
  return res.body.items.find((r) => r.id === roomId);
}

describe('mentions', () => {
  it('records members mentioned on send and on edit, not others, and shows them to the room', async () => {
    const { roomId, owner, member } = await room();
    const outsider = await registerUser(url(0));
    const heard = nextEvent(member.socket, 'newMessage');
    const message = await send(
      owner,
      roomId,
      `hi @${member.user.user.username.toUpperCase()}, and @${outsider.user.username} @nobody_here`,
    );
    expect(message.mentions).toEqual([member.user.user.id]);
    expect((await heard).mentions).toEqual([member.user.user.id]);

    const edited = unwrap(
      await emitAck(owner.socket, 'editMessage', {
        roomId,
        messageId: message.id,
        content: `sorry, I meant @${owner.user.user.username}.`,
      }),
    ).message;
    expect(edited.mentions).toEqual([owner.user.user.id]);
    const history = unwrap(await emitAck(member.socket, 'loadMessageHistory', { roomId }));
    expect(history.messages.find((m) => m.id === message.id)?.mentions).toEqual([
      owner.user.user.id,
    ]);
  });
});

describe('read markers', () => {
  it('count unread messages and mentions in the room list, move forward only, and reach the other devices', async () => {
    const { roomId, owner, member } = await room();
    const first = await send(owner, roomId, 'one');
    await send(owner, roomId, `two for @${member.user.user.username}`);
    const third = await send(owner, roomId, 'three');
    await send(member, roomId, 'my own message does not count');

    expect(await summary(member.user, roomId, 1)).toMatchObject({
      unreadCount: 3,
      mentionCount: 1,
    });
    expect(await summary(owner.user, roomId)).toMatchObject({ unreadCount: 1, mentionCount: 0 });

    // The same user on the other process hears the marker move.
    const otherDevice = pool.add(await connected(url(0), member.user.accessToken));
    const moved = nextEvent(otherDevice, 'readMarker');
    expect(
      unwrap(await emitAck(member.socket, 'markRead', { roomId, messageId: first.id })),
    ).toEqual({ roomId, messageId: first.id });
    expect(await moved).toEqual({ roomId, messageId: first.id });
    expect(await summary(member.user, roomId, 0)).toMatchObject({
      unreadCount: 2,
      mentionCount: 1,
    });

    unwrap(await emitAck(otherDevice, 'markRead', { roomId, messageId: third.id }));
    expect(await summary(member.user, roomId, 1)).toMatchObject({
      unreadCount: 0,
      mentionCount: 0,
    });
    // Never backwards: an older message leaves the marker where it is.
    expect(
      unwrap(await emitAck(member.socket, 'markRead', { roomId, messageId: first.id })),
    ).toEqual({ roomId, messageId: third.id });
    expect(unwrap(await emitAck(otherDevice, 'getReadMarker', { roomId }))).toEqual({
      roomId,
      messageId: third.id,
    });
  });

  it('tells every member of a new message in a room they do not have open, once, with its mentions', async () => {
    const { roomId, owner, member } = await room();
    const away = pool.add(await connected(url(1), member.user.accessToken));
    const activity = nextEvent(away, 'roomActivity');
    const message = await send(owner, roomId, `ping @${member.user.user.username}`);
    expect(await activity).toEqual([
      {
        roomId,
        messageId: message.id,
        senderId: owner.user.user.id,
        mentions: [member.user.user.id],
      },
    ]);
  });

  it("a removed member's other tabs hear no more of the room's activity, on any process", async () => {
    const { roomId, owner, member: b } = await room();
    const other = await createRoom(url(0), owner.user, 'Other');
    for (const m of [owner, b]) unwrap(await emitAck(m.socket, 'joinRoom', joinPayload(other.id)));
    // b's room list, in a tab with no room open, on the other process.
    const away = pool.add(await connected(url(1), b.user.accessToken));
    const heard: string[] = [];
    away.on('roomActivity', (batch) => heard.push(...batch.map((e) => e.roomId)));
    const first = nextEvent(away, 'roomActivity', (batch) =>
      batch.some((e) => e.roomId === roomId),
    );
    await send(owner, roomId, 'before'); // the sending process now knows b as a member
    await first;
    unwrap(await emitAck(owner.socket, 'removeMember', { roomId, userId: b.user.user.id }));
    await send(owner, roomId, 'after');
    // The other room's message comes after 'after' from the same process: once it is heard,
    // anything of 'after' would have been heard too.
    const marker = nextEvent(away, 'roomActivity', (batch) =>
      batch.some((e) => e.roomId === other.id),
    );
    await send(owner, other.id, 'marker');
    await marker;
    expect(heard).toEqual([roomId, other.id]);
  });

  it('a new member starts with the history read; the count stops at the cap', async () => {
    const { roomId, owner } = await room();
    await send(owner, roomId, 'before you came');
    const late = await enter(url(1), pool, roomId);
    expect(await summary(late.user, roomId)).toMatchObject({ unreadCount: 0 });
    // Sending is limited to bursts of 30 per user: four people share the 104 messages.
    const senders = [
      owner,
      ...(await Promise.all([0, 1, 2].map((i) => enter(url(i), pool, roomId)))),
    ];
    for (const s of senders) for (let i = 0; i < 26; i++) await send(s, roomId, `m${i}`);
    expect(26 * senders.length).toBeGreaterThan(UNREAD_COUNT_CAP);
    expect(await summary(late.user, roomId)).toMatchObject({ unreadCount: UNREAD_COUNT_CAP });
  });

  it('refuses rooms you are not a member of, messages of other rooms and bad ids', async () => {
    const { roomId, owner } = await room();
    const other = await room();
    const message = await send(owner, roomId, 'hello');
    const outsider = pool.add(await connected(url(0), (await registerUser(url(0))).accessToken));
    expect(errorCode(await emitAck(outsider, 'markRead', { roomId, messageId: message.id }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await emitAck(outsider, 'getReadMarker', { roomId }))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await emitAck(owner.socket, 'markRead', { roomId: other.roomId, messageId: message.id }),
      ),
    ).toBe('FORBIDDEN');
    unwrap(await emitAck(other.owner.socket, 'getReadMarker', { roomId: other.roomId }));
    expect(
      errorCode(
        await emitAck(other.owner.socket, 'markRead', {
          roomId: other.roomId,
          messageId: message.id,
        }),
      ),
    ).toBe('NOT_FOUND');
    for (const bad of [
      { roomId, messageId: 'abc' },
      { roomId, messageId: '0' },
      { roomId, messageId: 12 },
      { roomId: 'not-a-room', messageId: message.id },
      { roomId },
      null,
    ])
      expect(errorCode(await emitAck(owner.socket, 'markRead', bad))).toBe('VALIDATION');
  });
});
