/**
 * Issue 9: raise hand (a queue everyone in the call sees, in order; lowered by the person or a
 * moderator) and emoji reactions. With MariaDB + Redis the members are spread over two processes.
 */
import type { HandQueueEvent, ReactionEvent } from '@minimeet/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRoom,
  enter,
  errorCode,
  joinCall,
  SocketPool,
  unwrap,
  type Member,
} from './call-helpers';
import { emitAck, nextEvent, registerUser, startCluster, type TestCluster } from './harness';

let cluster: TestCluster;
const pool = new SocketPool();
const url = (i: number): string => cluster.url(i);

beforeAll(async () => {
  cluster = await startCluster({ CALL_GRACE_MS: '0' });
});
afterEach(() => pool.closeAll());
afterAll(() => cluster.stop());

/** A room whose owner and `others` members are in its call, alternating between processes. */
async function callWith(others: number): Promise<{ roomId: string; members: Member[] }> {
  const owner = await registerUser(url(0));
  const room = await createRoom(url(0), owner);
  const members = [await enter(url(0), pool, room.id, owner)];
  for (let i = 1; i <= others; i++) members.push(await enter(url(i), pool, room.id));
  for (const m of members) await joinCall(m, room.id);
  return { roomId: room.id, members };
}

const names = (e: HandQueueEvent): string[] => e.hands.map((h) => h.username);
const queueOf = (m: Member, count: number) =>
  nextEvent(m.socket, 'handQueue', (e) => e.hands.length === count);

describe('raise hand', () => {
  it('shows everyone in the call the raised hands in the order they went up', async () => {
    const { roomId, members } = await callWith(3);
    const [owner, b, c, d] = members as [Member, Member, Member, Member];
    const seenByD = queueOf(d, 2);
    unwrap(await emitAck(c.socket, 'raiseHand', { roomId }));
    unwrap(await emitAck(b.socket, 'raiseHand', { roomId }));
    expect(names(await seenByD)).toEqual([c.user.user.username, b.user.user.username]);
    // Raising again keeps the place; someone joining late asks and gets the same queue.
    const again = unwrap(await emitAck(c.socket, 'raiseHand', { roomId }));
    expect(names(again)).toEqual([c.user.user.username, b.user.user.username]);
    const listed = unwrap(await emitAck(owner.socket, 'getHands', { roomId }));
    expect(names(listed)).toEqual(names(again));

    // c lowers their own hand: b moves up, for everyone.
    const afterLower = queueOf(owner, 1);
    unwrap(await emitAck(c.socket, 'lowerHand', { roomId }));
    expect(names(await afterLower)).toEqual([b.user.user.username]);
  });

  it("lets a moderator lower someone's hand, and refuses it to a member", async () => {
    const { roomId, members } = await callWith(2);
    const [owner, b, c] = members as [Member, Member, Member];
    unwrap(await emitAck(b.socket, 'raiseHand', { roomId }));
    const refused = await emitAck(c.socket, 'lowerHand', { roomId, userId: b.user.user.id });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const lowered = queueOf(b, 0);
    unwrap(await emitAck(owner.socket, 'lowerHand', { roomId, userId: b.user.user.id }));
    expect((await lowered).hands).toEqual([]);
  });

  it('lowers the hand of someone who leaves the call', async () => {
    const { roomId, members } = await callWith(2);
    const [owner, b] = members as [Member, Member];
    unwrap(await emitAck(b.socket, 'raiseHand', { roomId }));
    const lowered = queueOf(owner, 0);
    unwrap(await emitAck(b.socket, 'leaveCall', { roomId }));
    expect((await lowered).hands).toEqual([]);
  });

  it('refuses hands and reactions from people not in the call, and bad payloads', async () => {
    const { roomId, members } = await callWith(1);
    const outsider = await enter(url(1), pool, roomId);
    expect(errorCode(await emitAck(outsider.socket, 'raiseHand', { roomId }))).toBe('FORBIDDEN');
    expect(errorCode(await emitAck(outsider.socket, 'sendReaction', { roomId, emoji: '👍' }))).toBe(
      'FORBIDDEN',
    );
    const [owner] = members as [Member];
    expect(errorCode(await emitAck(owner.socket, 'sendReaction', { roomId, emoji: '💩' }))).toBe(
      'VALIDATION',
    );
    expect(errorCode(await emitAck(owner.socket, 'lowerHand', { roomId, userId: 'x' }))).toBe(
      'VALIDATION',
    );
  });
});

describe('reactions', () => {
  it('reach everyone in the call with who sent them, and are rate-limited', async () => {
    const { roomId, members } = await callWith(2);
    const [owner, b, c] = members as [Member, Member, Member];
    const seen: ReactionEvent = await (async () => {
      const next = nextEvent(c.socket, 'reaction');
      unwrap(await emitAck(b.socket, 'sendReaction', { roomId, emoji: '🎉' }));
      return next;
    })();
    expect(seen).toMatchObject({ roomId, userId: b.user.user.id, emoji: '🎉' });
    expect(seen.username).toBe(b.user.user.username);
    const codes: string[] = [];
    for (let i = 0; i < 25; i++)
      codes.push(errorCode(await emitAck(owner.socket, 'sendReaction', { roomId, emoji: '👍' })));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(20);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
  });
});
