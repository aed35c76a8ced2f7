/**
 * The production topology of `npm run cluster` (HAProxy, two app processes, their own MariaDB,
 * Redis, coturn and Janus): users on different processes chat and call through the balancer, and
 * the clients survive `kill -9` and `kill -STOP` of a process. Runs with TEST_CLUSTER=1 (a step of
 * scripts/test-all.sh); needs haproxy, mariadbd and redis-server (scripts/ensure-system-deps.sh).
 */
import type { Ack, ChatMessage, MessagePage, Room } from '@minimeet/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSdp, joinPayload, rememberInvite } from './call-helpers';
import {
  connectedAgain,
  startCluster,
  trackedSocket,
  type Cluster,
  type Instance,
  type TrackedSocket,
} from './cluster-kit';
import { api, emitAck, nextEvent, registerUser, type ClientSocket, type TestUser } from './harness';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const report = (line: string): void => void process.stdout.write(`[cluster test] ${line}\n`);

/** A user's socket in the room; after every reconnection it enters the room again. */
class Member {
  readonly socket: ClientSocket;
  private joined: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tracked: TrackedSocket,
    readonly user: TestUser,
    roomId: string,
  ) {
    this.socket = tracked.socket;
    this.socket.on('connect', () => {
      // A failed join (the connection dropped again) shows as a refused send, which is retried.
      this.joined = emitAck(this.socket, 'joinRoom', joinPayload(roomId)).catch(() => null);
    });
  }

  get instance(): Instance | undefined {
    return this.tracked.instance();
  }

  /** Connected and in the room (waits through a reconnection). */
  async ready(): Promise<void> {
    if (!this.socket.connected) await connectedAgain(this.socket);
    await this.joined;
  }
}

async function sendOnce(socket: ClientSocket, payload: unknown): Promise<Ack<unknown> | null> {
  try {
    return (await socket
      .timeout(2_000)
      .emitWithAck('sendMessage', payload as never)) as Ack<unknown>;
  } catch {
    return null; // no ack: the connection went away, or the process did
  }
}

/** Sends `count` messages one after another, retrying each unacknowledged one with its id. */
async function stream(
  member: Member,
  roomId: string,
  count: number,
): Promise<{ ids: string[]; retried: string[] }> {
  const ids: string[] = [];
  const retried: string[] = [];
  for (let i = 0; i < count; i++) {
    const clientMessageId = `${member.user.user.username}-${i}`;
    let misses = 0;
    for (;;) {
      await member.ready();
      const ack = await sendOnce(member.socket, {
        roomId,
        content: clientMessageId,
        clientMessageId,
      });
      if (ack?.ok) break;
      if (ack && ack.error.code === 'RATE_LIMITED') await sleep(1_000);
      else misses++;
      await sleep(100);
    }
    ids.push(clientMessageId);
    if (misses > 0) retried.push(clientMessageId);
    await sleep(350); // under the per-user send limit (30 per 10 s)
  }
  return { ids, retried };
}

async function history(url: string, token: string, roomId: string): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  let before: string | null = null;
  do {
    const query: string = before ? `&before=${encodeURIComponent(before)}` : '';
    const page: MessagePage = (
      await api<MessagePage>(url, 'GET', `/api/rooms/${roomId}/messages?limit=100${query}`, {
        token,
      })
    ).body;
    all.push(...page.items);
    before = page.nextCursor;
  } while (before);
  return all;
}

async function until(
  what: string,
  probe: () => Promise<boolean> | boolean,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const other = (instance: Instance): Instance => (instance === 'app1' ? 'app2' : 'app1');

describe('npm run cluster: HAProxy in front of two processes', () => {
  let cluster: Cluster;
  let url: string;
  let owner: TestUser;
  let room: Room;
  const members: Member[] = [];

  const member = async (user?: TestUser): Promise<Member> => {
    const who = user ?? (await registerUser(url));
    const m = new Member(trackedSocket(url, who.accessToken), who, room.id);
    members.push(m);
    await m.ready();
    return m;
  };

  beforeAll(async () => {
    cluster = await startCluster({
      LIMIT_REGISTRATIONS_PER_HOUR: '1000',
      LIMIT_ROOM_JOINS_PER_MINUTE: '1000',
      LOG_LEVEL: 'warn',
    });
    url = cluster.url;
    owner = await registerUser(url);
    room = (
      await api<Room>(url, 'POST', '/api/rooms', {
        token: owner.accessToken,
        body: { name: 'Cluster' },
      })
    ).body;
    rememberInvite(room);
  }, 240_000);

  afterAll(async () => {
    for (const m of members) m.socket.disconnect();
    await cluster?.stop();
  }, 60_000);

  it('signs in through the balancer; users on different processes chat and call together', async () => {
    const signIn = await api<{ accessToken: string }>(url, 'POST', '/api/auth/login', {
      body: { login: owner.user.username, password: owner.password },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('x-minimeet-instance')).toMatch(/^app[12]$/);

    const alice = await member(owner);
    let bob = await member();
    // Least connections sends Bob to the process without Alice; prove it from the header.
    for (let tries = 0; bob.instance === alice.instance && tries < 5; tries++)
      bob = await member(bob.user);
    expect(alice.instance).toMatch(/^app[12]$/);
    expect(bob.instance).toBe(other(alice.instance as Instance));
    report(`alice on ${alice.instance}, bob on ${bob.instance}`);

    const bobGets = nextEvent(bob.socket, 'newMessage', (m) => m.clientMessageId === 'hello-a');
    await emitAck(alice.socket, 'sendMessage', {
      roomId: room.id,
      content: 'hi Bob',
      clientMessageId: 'hello-a',
    });
    expect((await bobGets).content).toBe('hi Bob');
    const aliceGets = nextEvent(alice.socket, 'newMessage', (m) => m.clientMessageId === 'hello-b');
    await emitAck(bob.socket, 'sendMessage', {
      roomId: room.id,
      content: 'hi Alice',
      clientMessageId: 'hello-b',
    });
    expect((await aliceGets).content).toBe('hi Alice');

    const joinedA = await emitAck(alice.socket, 'joinCall', { roomId: room.id });
    const aliceSeesBob = nextEvent(alice.socket, 'callPeerJoined');
    const joinedB = await emitAck(bob.socket, 'joinCall', { roomId: room.id });
    if (!joinedA.ok || !joinedB.ok) throw new Error('joinCall refused');
    await aliceSeesBob;
    const offer = nextEvent(bob.socket, 'webrtc-offer');
    expect(
      await emitAck(alice.socket, 'webrtc-offer', {
        roomId: room.id,
        to: joinedB.data.peerId,
        sdp: fakeSdp('offer'),
      }),
    ).toEqual({ ok: true, data: null });
    expect((await offer).from).toBe(joinedA.data.peerId);
    const answer = nextEvent(alice.socket, 'webrtc-answer');
    await emitAck(bob.socket, 'webrtc-answer', {
      roomId: room.id,
      to: joinedA.data.peerId,
      sdp: fakeSdp('answer'),
    });
    expect((await answer).from).toBe(joinedB.data.peerId);
    await emitAck(alice.socket, 'leaveCall', { roomId: room.id });
    await emitAck(bob.socket, 'leaveCall', { roomId: room.id });
  }, 60_000);

  it('kill -9 of a process under a stream of messages: each stored once, each delivered, none twice', async () => {
    const senders: Member[] = [];
    for (let i = 0; i < 8; i++) senders.push(await member());
    const observer = members[0] as Member; // Alice
    const target = other(observer.instance as Instance);
    const onTarget = senders.filter((s) => s.instance === target);
    expect(onTarget.length).toBeGreaterThanOrEqual(2);

    const live = new Map<string, number>();
    observer.socket.on('newMessage', (m) =>
      live.set(m.clientMessageId, (live.get(m.clientMessageId) ?? 0) + 1),
    );
    const streams = Promise.all(senders.map((s) => stream(s, room.id, 16)));
    await sleep(2_000);
    const killedAt = Date.now();
    const reconnected = Promise.all(
      onTarget.map((s) => connectedAgain(s.socket).then(() => Date.now() - killedAt)),
    );
    // Held for half a second first, so that messages are surely in flight (sent, never answered)
    // when it dies.
    const pid = cluster.pid(target);
    process.kill(pid, 'SIGSTOP');
    await sleep(500);
    process.kill(pid, 'SIGKILL');
    const results = await streams;
    const reconnectMs = await reconnected;

    const ids = results.flatMap((r) => r.ids);
    const retried = results.flatMap((r) => r.retried);
    await until(
      'every message live at the observer',
      () => ids.every((id) => live.has(id)),
      10_000,
    ).catch(() => undefined);
    const stored = new Map<string, number>();
    for (const m of await history(url, owner.accessToken, room.id))
      stored.set(m.clientMessageId, (stored.get(m.clientMessageId) ?? 0) + 1);
    const storedOnce = ids.filter((id) => stored.get(id) === 1).length;
    const duplicates = ids.filter((id) => (stored.get(id) ?? 0) > 1).length;
    const delivered = ids.filter((id) => live.has(id)).length;
    const deliveredTwice = ids.filter((id) => (live.get(id) ?? 0) > 1).length;
    const retriedDelivered = retried.filter((id) => live.has(id)).length;
    report(
      `kill -9 ${target}: ${ids.length} messages from ${senders.length} senders (${onTarget.length} on ${target}); ` +
        `${ids.length - retried.length} acked at once, ${retried.length} retried after no ack; ` +
        `stored once ${storedOnce}, stored twice ${duplicates}; delivered live ${delivered} ` +
        `(retried ones ${retriedDelivered}/${retried.length}), twice ${deliveredTwice}; ` +
        `reconnected in ${(Math.max(...reconnectMs) / 1000).toFixed(2)} s at most`,
    );
    expect(storedOnce).toBe(ids.length);
    expect(duplicates).toBe(0);
    expect(deliveredTwice).toBe(0);
    expect(retriedDelivered).toBe(retried.length);
    expect(delivered).toBe(ids.length);
  }, 120_000);

  it('kill -STOP of a process: out of rotation within 15 s, its clients reconnect through the other', async () => {
    // The supervisor restarted the killed process; wait until HAProxy has both in rotation.
    await until(
      'both processes UP',
      async () => Object.values(await cluster.status()).every((s) => s === 'UP'),
      90_000,
    );
    const fresh: Member[] = [];
    for (let i = 0; i < 4; i++) fresh.push(await member((members[i + 2] as Member).user));
    const target = fresh[0]?.instance as Instance;
    const onTarget = members.filter((m) => m.instance === target && m.socket.connected);
    const observer = members.find(
      (m) => m.instance === other(target) && m.socket.connected,
    ) as Member;
    expect(onTarget.length).toBeGreaterThanOrEqual(1);
    expect(observer).toBeDefined();

    const pid = cluster.pid(target);
    const stoppedAt = Date.now();
    const reconnected = Promise.all(
      onTarget.map((m) => connectedAgain(m.socket).then(() => Date.now() - stoppedAt)),
    );
    process.kill(pid, 'SIGSTOP');
    try {
      await until(
        `${target} DOWN at the balancer`,
        async () => (await cluster.status())[target].startsWith('DOWN'),
        20_000,
      );
      const downMs = Date.now() - stoppedAt;
      const reconnectMs = await reconnected;
      for (const [i, m] of onTarget.entries()) {
        await m.ready();
        expect(m.instance).toBe(other(target));
        const id = `after-stop-${i}`;
        const heard = nextEvent(
          observer.socket,
          'newMessage',
          (e) => e.clientMessageId === id,
          5_000,
        );
        const sent = await emitAck(m.socket, 'sendMessage', {
          roomId: room.id,
          content: 'still here',
          clientMessageId: id,
        });
        expect(sent, `send after reconnecting: ${JSON.stringify(sent)}`).toMatchObject({
          ok: true,
        });
        await heard;
      }
      const slowest = Math.max(...reconnectMs);
      report(
        `kill -STOP ${target}: out of rotation after ${(downMs / 1000).toFixed(1)} s; ` +
          `${onTarget.length} clients reconnected through ${other(target)} within ${(slowest / 1000).toFixed(1)} s`,
      );
      expect(downMs).toBeLessThanOrEqual(15_000);
      expect(slowest).toBeLessThanOrEqual(15_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  }, 180_000);
});
