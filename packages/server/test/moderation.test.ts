/**
 * Issue 9: moderator actions (mute and block, remove and ban, end the call, delete a message) and
 * the moderation log. With MariaDB + Redis the people are spread over two processes, so every
 * moderation event has to reach the other one.
 */
import type {
  ChatMessage,
  MessagePage,
  ModerationLogResponse,
  RoomBansResponse,
} from '@minimeet/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRoom,
  enter,
  errorCode,
  joinCall,
  joinPayload,
  SocketPool,
  unwrap,
  type Member,
} from './call-helpers';
import {
  api,
  connected,
  createBackend,
  emitAck,
  nextEvent,
  registerUser,
  startServer,
  useMysql,
  type TestBackend,
  type TestServer,
} from './harness';

let backend: TestBackend;
let servers: TestServer[] = [];
const pool = new SocketPool();
const url = (i: number): string => (servers[i % servers.length] as TestServer).url;

beforeAll(async () => {
  backend = await createBackend();
  servers = [await startServer({ ...backend.env, CALL_GRACE_MS: '0' })];
  if (useMysql) servers.push(await startServer({ ...backend.env, CALL_GRACE_MS: '0' }));
});
afterEach(() => pool.closeAll());
afterAll(async () => {
  for (const s of servers) await s.close();
  await backend.cleanup();
});

/** A room: its owner and `others` members entered it, alternating between processes. */
async function roomOf(
  others: number,
  inCall = false,
): Promise<{ roomId: string; members: Member[] }> {
  const owner = await registerUser(url(0));
  const room = await createRoom(url(0), owner);
  const members = [await enter(url(0), pool, room.id, owner)];
  for (let i = 1; i <= others; i++) members.push(await enter(url(i), pool, room.id));
  if (inCall) for (const m of members) await joinCall(m, room.id);
  return { roomId: room.id, members };
}

async function promote(roomId: string, owner: Member, who: Member): Promise<void> {
  const res = await api(url(0), 'PUT', `/api/rooms/${roomId}/members/${who.user.user.id}/role`, {
    token: owner.user.accessToken,
    body: { role: 'moderator' },
  });
  expect(res.status).toBe(200);
}

const id = (m: Member): string => m.user.user.id;

type ModerationEvent =
  'muteMedia' | 'unblockMedia' | 'removeMember' | 'endCallForAll' | 'deleteMessage';

async function send(m: Member, roomId: string, content: string): Promise<ChatMessage> {
  const clientMessageId = `c${Math.random().toString(36).slice(2)}`;
  return unwrap(await emitAck(m.socket, 'sendMessage', { roomId, content, clientMessageId }))
    .message;
}

async function log(roomId: string, m: Member, cursor?: string) {
  return api<ModerationLogResponse>(
    url(0),
    'GET',
    `/api/rooms/${roomId}/moderation-log${cursor ? `?cursor=${cursor}` : ''}`,
    { token: m.user.accessToken },
  );
}

describe('mute, stop camera, stop screen share', () => {
  it('turns the media off for everyone, tells the person, and they may turn it on again', async () => {
    const { roomId, members } = await roomOf(2, true);
    const [owner, b, c] = members as [Member, Member, Member];
    const told = nextEvent(b.socket, 'mediaModerated');
    const tile = nextEvent(c.socket, 'mediaState', (e) => e.audio === false);
    unwrap(await emitAck(owner.socket, 'muteMedia', { roomId, userId: id(b), kind: 'audio' }));
    expect(await told).toEqual({ roomId, kind: 'audio', blocked: false });
    expect(await tile).toMatchObject({ roomId, audio: false, video: true });
    unwrap(
      await emitAck(b.socket, 'mediaState', { roomId, audio: true, video: true, screen: false }),
    );
  });

  it('with block, refuses turning it on until a moderator unblocks it', async () => {
    const { roomId, members } = await roomOf(2, true);
    const [owner, b] = members as [Member, Member];
    const told = nextEvent(b.socket, 'mediaModerated');
    unwrap(
      await emitAck(owner.socket, 'muteMedia', {
        roomId,
        userId: id(b),
        kind: 'video',
        block: true,
      }),
    );
    expect(await told).toEqual({ roomId, kind: 'video', blocked: true });
    expect(unwrap(await emitAck(b.socket, 'getMediaBlocks', { roomId })).blocked).toEqual([
      'video',
    ]);
    const refused = await emitAck(b.socket, 'mediaState', {
      roomId,
      audio: true,
      video: true,
      screen: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/blocked your camera/);
    // Other media is still theirs.
    unwrap(
      await emitAck(b.socket, 'mediaState', { roomId, audio: false, video: false, screen: false }),
    );

    const unblocked = nextEvent(b.socket, 'mediaUnblocked');
    unwrap(await emitAck(owner.socket, 'unblockMedia', { roomId, userId: id(b), kind: 'video' }));
    expect(await unblocked).toEqual({ roomId, kind: 'video' });
    unwrap(
      await emitAck(b.socket, 'mediaState', { roomId, audio: false, video: true, screen: false }),
    );
  });

  it('clears the blocks when the call ends', async () => {
    const { roomId, members } = await roomOf(1, true);
    const [owner, b] = members as [Member, Member];
    unwrap(
      await emitAck(owner.socket, 'muteMedia', {
        roomId,
        userId: id(b),
        kind: 'screen',
        block: true,
      }),
    );
    unwrap(await emitAck(owner.socket, 'leaveCall', { roomId }));
    unwrap(await emitAck(b.socket, 'leaveCall', { roomId }));
    await expect
      .poll(async () => unwrap(await emitAck(b.socket, 'getMediaBlocks', { roomId })).blocked)
      .toEqual([]);
  });
});

describe('remove and ban', () => {
  it('removes a member from the room and its call on every connection; they may come back', async () => {
    const { roomId, members } = await roomOf(2, true);
    const [owner, b, c] = members as [Member, Member, Member];
    // b's second tab, on the other process.
    const tab = pool.add(await connected(url(0), b.user.accessToken));
    unwrap(await emitAck(tab, 'joinRoom', { roomId }));
    const told = nextEvent(b.socket, 'removedFromRoom');
    const toldTab = nextEvent(tab, 'removedFromRoom');
    const left = nextEvent(c.socket, 'callPeerLeft');
    const gone = nextEvent(c.socket, 'participantsUpdate', (e) =>
      e.participants.every((p) => p.userId !== id(b)),
    );
    unwrap(await emitAck(owner.socket, 'removeMember', { roomId, userId: id(b) }));
    expect(await told).toEqual({ roomId, banned: false });
    expect(await toldTab).toEqual({ roomId, banned: false });
    await left;
    await gone;
    // Out on every process: neither connection can chat in the room any more.
    for (const s of [b.socket, tab])
      expect(
        errorCode(await emitAck(s, 'sendMessage', { roomId, content: 'x', clientMessageId: 'r1' })),
      ).toBe('FORBIDDEN');
    // Not a member any more: back in only with the invite link.
    expect(errorCode(await emitAck(b.socket, 'joinRoom', { roomId }))).toBe('FORBIDDEN');
    unwrap(await emitAck(b.socket, 'joinRoom', joinPayload(roomId)));
  });

  it('with ban, keeps them out until unbanned from the settings', async () => {
    const { roomId, members } = await roomOf(1);
    const [owner, b] = members as [Member, Member];
    const told = nextEvent(b.socket, 'removedFromRoom');
    const res = await api(url(0), 'DELETE', `/api/rooms/${roomId}/members/${id(b)}?ban=true`, {
      token: owner.user.accessToken,
    });
    expect(res.status).toBe(204);
    expect(await told).toEqual({ roomId, banned: true });
    expect(errorCode(await emitAck(b.socket, 'joinRoom', joinPayload(roomId)))).toBe('FORBIDDEN');
    const bans = await api<RoomBansResponse>(url(0), 'GET', `/api/rooms/${roomId}/bans`, {
      token: owner.user.accessToken,
    });
    expect(bans.body.items.map((x) => x.user.id)).toEqual([id(b)]);
    const unban = await api(url(0), 'DELETE', `/api/rooms/${roomId}/bans/${id(b)}`, {
      token: owner.user.accessToken,
    });
    expect(unban.status).toBe(204);
    unwrap(await emitAck(b.socket, 'joinRoom', joinPayload(roomId)));
  });

  it('protects the owner, and moderators from other moderators', async () => {
    const { roomId, members } = await roomOf(3);
    const [owner, m1, m2, d] = members as [Member, Member, Member, Member];
    await promote(roomId, owner, m1);
    await promote(roomId, owner, m2);
    expect(errorCode(await emitAck(m1.socket, 'removeMember', { roomId, userId: id(owner) }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await emitAck(m1.socket, 'removeMember', { roomId, userId: id(m2) }))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await emitAck(owner.socket, 'removeMember', { roomId, userId: id(owner) })),
    ).toBe('VALIDATION');
    unwrap(await emitAck(m1.socket, 'removeMember', { roomId, userId: id(d) }));
    unwrap(await emitAck(owner.socket, 'removeMember', { roomId, userId: id(m2) }));
  });
});

describe('end the call for everyone', () => {
  it('takes every peer out and tells them', async () => {
    const { roomId, members } = await roomOf(2, true);
    const [owner, b, c] = members as [Member, Member, Member];
    const told = [b, c].map((m) => nextEvent(m.socket, 'callEndedByModerator'));
    const out = nextEvent(c.socket, 'participantsUpdate', (e) =>
      e.participants.every((p) => !p.inCall),
    );
    const res = await api(url(0), 'POST', `/api/rooms/${roomId}/call/end`, {
      token: owner.user.accessToken,
    });
    expect(res.status).toBe(200);
    for (const t of told) expect(await t).toEqual({ roomId });
    await out;
    expect(errorCode(await emitAck(b.socket, 'raiseHand', { roomId }))).toBe('FORBIDDEN');
    expect(errorCode(await emitAck(owner.socket, 'endCallForAll', { roomId }))).toBe('NOT_FOUND');
  });
});

describe('delete a message', () => {
  it('blanks it in storage, history and search, and tells the room', async () => {
    const { roomId, members } = await roomOf(1);
    const [owner, b] = members as [Member, Member];
    const message = await send(b, roomId, 'embarrassing secretword here');
    const told = nextEvent(b.socket, 'messageDeleted');
    unwrap(await emitAck(owner.socket, 'deleteMessage', { roomId, messageId: message.id }));
    expect(await told).toEqual({ roomId, messageId: message.id });
    const history = await api<MessagePage>(url(0), 'GET', `/api/rooms/${roomId}/messages`, {
      token: b.user.accessToken,
    });
    expect(history.body.items.find((m) => m.id === message.id)).toMatchObject({
      content: '',
      deleted: true,
    });
    const search = await api<unknown[]>(url(0), 'GET', `/api/search/messages?q=secretword`, {
      token: b.user.accessToken,
    });
    expect(JSON.stringify(search.body)).not.toContain('secretword');
    const again = await api(url(0), 'DELETE', `/api/rooms/${roomId}/messages/${message.id}`, {
      token: owner.user.accessToken,
    });
    expect(again.status).toBe(404);
  });
});

describe('refusals', () => {
  it('refuses every moderator action to a member, over the socket and over REST', async () => {
    const { roomId, members } = await roomOf(2, true);
    const [owner, b, c] = members as [Member, Member, Member];
    const message = await send(owner, roomId, 'hello');
    const target = id(c);
    const socketCases: [ModerationEvent, unknown][] = [
      ['muteMedia', { roomId, userId: target, kind: 'audio' }],
      ['muteMedia', { roomId, userId: target, kind: 'video', block: true }],
      ['unblockMedia', { roomId, userId: target, kind: 'video' }],
      ['removeMember', { roomId, userId: target }],
      ['removeMember', { roomId, userId: target, ban: true }],
      ['endCallForAll', { roomId }],
      ['deleteMessage', { roomId, messageId: message.id }],
    ];
    for (const [event, payload] of socketCases)
      expect([event, errorCode(await emitAck(b.socket, event, payload))]).toEqual([
        event,
        'FORBIDDEN',
      ]);
    const base = `/api/rooms/${roomId}`;
    const restCases: [string, string, unknown?][] = [
      ['POST', `${base}/members/${target}/mute`, { kind: 'audio' }],
      ['DELETE', `${base}/members/${target}/blocks/audio`],
      ['DELETE', `${base}/members/${target}`],
      ['DELETE', `${base}/members/${target}?ban=true`],
      ['POST', `${base}/call/end`],
      ['DELETE', `${base}/messages/${message.id}`],
      ['GET', `${base}/bans`],
      ['DELETE', `${base}/bans/${target}`],
      ['GET', `${base}/moderation-log`],
    ];
    for (const [method, path, body] of restCases) {
      const res = await api<{ error: { code: string } }>(url(1), method, path, {
        token: b.user.accessToken,
        body,
      });
      expect([method, path, res.status, res.body.error.code]).toEqual([
        method,
        path,
        403,
        'FORBIDDEN',
      ]);
    }
    // Nothing happened.
    expect((await log(roomId, owner)).body.items).toEqual([]);
  });

  it('answers bad payloads with VALIDATION', async () => {
    const { roomId, members } = await roomOf(1, true);
    const [owner, b] = members as [Member, Member];
    const bad: [ModerationEvent, unknown][] = [
      ['muteMedia', { roomId, userId: id(b), kind: 'mouth' }],
      ['muteMedia', { roomId, userId: 'x', kind: 'audio' }],
      ['muteMedia', { roomId, userId: id(b), kind: 'audio', block: 'yes' }],
      ['removeMember', { roomId, userId: id(b), ban: 1 }],
      ['deleteMessage', { roomId, messageId: 'abc' }],
      ['endCallForAll', { roomId: 'nope' }],
      ['unblockMedia', {}],
    ];
    for (const [event, payload] of bad)
      expect([event, errorCode(await emitAck(owner.socket, event, payload))]).toEqual([
        event,
        'VALIDATION',
      ]);
    const res = await api(url(0), 'POST', `/api/rooms/${roomId}/members/${id(b)}/mute`, {
      token: owner.user.accessToken,
      body: { kind: 'x' },
    });
    expect(res.status).toBe(400);
    const badCursor = await log(roomId, owner, 'zzz');
    expect(badCursor.status).toBe(400);
  });
});

describe('moderation log', () => {
  it('records every action with who, what, whom and details, newest first, in pages', async () => {
    const { roomId, members } = await roomOf(2, true);
    const [owner, b, c] = members as [Member, Member, Member];
    await promote(roomId, owner, b);
    const message = await send(c, roomId, 'spam');
    unwrap(
      await emitAck(b.socket, 'muteMedia', { roomId, userId: id(c), kind: 'audio', block: true }),
    );
    unwrap(await emitAck(b.socket, 'unblockMedia', { roomId, userId: id(c), kind: 'audio' }));
    unwrap(await emitAck(b.socket, 'deleteMessage', { roomId, messageId: message.id }));
    unwrap(await emitAck(b.socket, 'endCallForAll', { roomId }));
    unwrap(await emitAck(b.socket, 'removeMember', { roomId, userId: id(c), ban: true }));
    const res = await log(roomId, b);
    expect(res.status).toBe(200);
    const entries = res.body.items.map((e) => [
      e.action,
      e.actor.username,
      e.target?.id ?? null,
      e.messageId,
      e.details,
    ]);
    expect(entries).toEqual([
      ['ban', b.user.user.username, id(c), null, {}],
      ['endCall', b.user.user.username, null, null, {}],
      ['deleteMessage', b.user.user.username, id(c), message.id, {}],
      ['unblock', b.user.user.username, id(c), null, { kind: 'audio' }],
      ['mute', b.user.user.username, id(c), null, { kind: 'audio', block: true }],
    ]);
    expect(res.body.nextCursor).toBeNull();
  });
});
