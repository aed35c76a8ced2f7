/** Issue 11, findings 7–9: leaving a room leaves its call, smaller leaks, input that misleads. */
import type {
  ApiErrorBody,
  CallPeerLeftEvent,
  IceServersResponse,
  Room,
  RoomDetail,
} from '@minimeet/contract';
import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../src/database/data-source';
import {
  createRoom,
  enter,
  errorCode,
  fakeSdp,
  joinCall,
  record,
  roomWith,
  SocketPool,
  unwrap,
} from './call-helpers';
import { api, emitAck, nextEvent, registerUser, startStack } from './harness';

describe('leaving a room leaves its call (finding 7)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    // A long grace period: a peer that leaves at once did not just wait for it.
    stack = await startStack({ CALL_GRACE_MS: '20000', CALL_MEDIA: 'mesh', CALL_MESH_MAX: '2' });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('leaveRoom takes the peer out of the call at once: others told, no signalling, place freed', async () => {
    const { room, members } = await roomWith(base, pool, 3);
    const [a, b, c] = members;
    const pa = await joinCall(a, room.id);
    const pb = await joinCall(b, room.id);
    const left = nextEvent(b.socket, 'callPeerLeft', (e) => e.peerId === pa.peerId, 2_000);
    const offersAtB = record(b.socket, 'webrtc-offer');
    unwrap(await emitAck(a.socket, 'leaveRoom', { roomId: room.id }));
    expect(await left).toEqual({ roomId: room.id, peerId: pa.peerId });

    const signal = { roomId: room.id, to: pb.peerId, sdp: fakeSdp('offer') };
    expect(errorCode(await emitAck(a.socket, 'webrtc-offer', signal))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await emitAck(a.socket, 'mediaState', {
          roomId: room.id,
          audio: false,
          video: false,
          screen: false,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(offersAtB).toEqual([]);

    // The call holds two (mesh limit): the place A had is free for C.
    const pc = await joinCall(c, room.id);
    expect(pc.peers.map((p) => p.peerId)).toEqual([pb.peerId]);
  });

  it('a second tab of the same user that stays in the room does not take the call with it', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    const tab2 = await enter(base, pool, room.id, a.user);
    const pa = await joinCall(a, room.id);
    await joinCall(b, room.id);
    const leftAtB = record<CallPeerLeftEvent>(b.socket, 'callPeerLeft');
    unwrap(await emitAck(tab2.socket, 'leaveRoom', { roomId: room.id }));
    const media = nextEvent(b.socket, 'mediaState');
    unwrap(
      await emitAck(a.socket, 'mediaState', {
        roomId: room.id,
        audio: false,
        video: true,
        screen: false,
      }),
    );
    expect((await media).peerId).toBe(pa.peerId);
    expect(leftAtB).toEqual([]);
  });

  it('a dropped socket still keeps its place for the grace period', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a, b] = members;
    await joinCall(a, room.id);
    await joinCall(b, room.id);
    const leftAtB = record<CallPeerLeftEvent>(b.socket, 'callPeerLeft');
    a.socket.disconnect();
    await nextEvent(b.socket, 'participantsUpdate', (e) => e.participants.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leftAtB).toEqual([]);
  });
});

describe('smaller leaks (finding 8)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack({
      TURN_URLS: 'turn:127.0.0.1:3478',
      TURN_SECRET: 'turn-shared-secret-for-tests',
    });
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  it('GET /rooms/:id shows a non-member only the id and name', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    await joinCall(members[0], room.id);
    const stranger = await registerUser(base);
    const seen = await api<Record<string, unknown>>(base, 'GET', `/api/rooms/${room.id}`, {
      token: stranger.accessToken,
    });
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ id: room.id, name: room.name });

    const member = await api<RoomDetail>(base, 'GET', `/api/rooms/${room.id}`, {
      token: members[1].user.accessToken,
    });
    expect(member.body.participants).toHaveLength(2);
    expect(member.body.participants.filter((p) => p.inCall)).toHaveLength(1);
  });

  it('gives TURN credentials only to someone in a call', async () => {
    const { room, members } = await roomWith(base, pool, 2);
    const [a] = members;
    const ice = () =>
      api<IceServersResponse & ApiErrorBody>(base, 'GET', '/api/rtc/ice-servers', {
        token: a.user.accessToken,
      });
    const outside = await ice();
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(outside.body)).not.toContain('credential');

    await joinCall(a, room.id);
    const inside = await ice();
    expect(inside.status).toBe(200);
    expect(inside.body.iceServers.some((s) => s.credential)).toBe(true);

    unwrap(await emitAck(a.socket, 'leaveCall', { roomId: room.id }));
    expect((await ice()).status).toBe(403);
  });
});

describe('the SQLite file (finding 8)', () => {
  it('is created 0600 in a 0700 folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'minimeet-perm-'));
    const path = join(root, 'data', 'minimeet.sqlite');
    const db = new DataSource(dataSourceOptions({ type: 'sqlite', path }));
    try {
      await db.initialize();
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(join(root, 'data')).mode & 0o777).toBe(0o700);
      expect(statSync(`${path}-wal`).mode & 0o077).toBe(0);
    } finally {
      await db.destroy();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('input that misleads (finding 9)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  const pool = new SocketPool();
  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url;
  });
  afterEach(() => pool.closeAll());
  afterAll(() => stack.stop());

  const newRoom = async (name: string) => {
    const owner = await registerUser(base);
    return api<Room & ApiErrorBody>(base, 'POST', '/api/rooms', {
      token: owner.accessToken,
      body: { name },
    });
  };

  it('normalises room names: NFC, no controls, no bidi overrides, no escape codes', async () => {
    const cases: [string, string][] = [
      ['photo\u202egnp.exe', 'photognp.exe'],
      ['Cafe\u0301', 'Caf\u00e9'],
      ['a\u0000b\u0007c\u0085d\u007f', 'abcd'],
      ['\u001b[31mred\u001b[0m room', 'red room'],
      ['\u001b]0;title\u0007plain', 'plain'],
      ['x\u2066y\u2069z\u202a', 'xyz'],
      ['two\nlines\there', 'two lines here'],
    ];
    for (const [input, stored] of cases) {
      const res = await newRoom(input);
      expect(res.status).toBe(201);
      expect(res.body.name).toBe(stored);
    }
  });

  it('refuses room names with nothing visible', async () => {
    for (const name of [
      '\u200b\u200c\u200d',
      '\ufeff \u2060',
      '\u202e\u0000',
      '\u001b[0m',
      '\u3164',
    ]) {
      const res = await newRoom(name);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });

  it('normalises messages, keeps newlines and tabs, refuses invisible-only ones', async () => {
    const owner = await registerUser(base);
    const room = await createRoom(base, owner);
    const a = await enter(base, pool, room.id, owner);
    const send = (content: string, id: string) =>
      emitAck(a.socket, 'sendMessage', { roomId: room.id, content, clientMessageId: id });

    const sent = unwrap(await send('line 1\r\n\tline\u202e 2\u0000\u001b[2J', 'm1'));
    expect(sent.message.content).toBe('line 1\n\tline 2');
    const nfc = unwrap(await send('e\u0301', 'm2'));
    expect(nfc.message.content).toBe('\u00e9');

    for (const [i, content] of [
      '\u200b',
      '\u200b\u200d\ufeff',
      ' \u2066\u2069 ',
      '\u0000\u0001',
    ].entries()) {
      expect(errorCode(await send(content, `bad${i}`))).toBe('VALIDATION');
    }
  });
});
