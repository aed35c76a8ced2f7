import type { HandQueueEvent, RaisedHand, ReactionEvent } from '@minimeet/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHands, handPosition, type HandsDeps } from './hands';

const ROOM = 'room-1';
const hand = (userId: string, at: number): RaisedHand => ({
  userId,
  username: userId.toUpperCase(),
  raisedAt: new Date(at).toISOString(),
});

function fakeConnection(queue: RaisedHand[]) {
  const handlers = new Map<string, (event: never) => void>();
  const requests: [string, unknown][] = [];
  const connection: HandsDeps['connection'] = {
    on: (event: string, handler: (event: never) => void) => {
      handlers.set(event, handler);
      return () => handlers.delete(event);
    },
    request: ((event: string, payload: unknown) => {
      requests.push([event, payload]);
      return Promise.resolve(event === 'sendReaction' ? null : { roomId: ROOM, hands: queue });
    }) as HandsDeps['connection']['request'],
  };
  const emit = (event: 'handQueue' | 'reaction', payload: HandQueueEvent | ReactionEvent) =>
    (handlers.get(event) as ((e: typeof payload) => void) | undefined)?.(payload);
  return { connection, emit, requests, handlers };
}

afterEach(() => vi.useRealTimers());

describe('hands', () => {
  it('keeps the queue in order with our own place, from the answer and from events', async () => {
    const fake = fakeConnection([hand('ann', 1), hand('me', 2)]);
    const hands = createHands({
      roomId: ROOM,
      connection: fake.connection,
      selfUserId: () => 'me',
    });
    await hands.refresh();
    expect(hands.getState().hands.map((h) => h.userId)).toEqual(['ann', 'me']);
    expect(hands.getState().position).toBe(2);
    fake.emit('handQueue', { roomId: ROOM, hands: [hand('me', 2)] });
    expect(hands.getState().position).toBe(1);
    // Another room's queue is not ours.
    fake.emit('handQueue', { roomId: 'other', hands: [] });
    expect(hands.getState().hands).toHaveLength(1);
    await hands.lower('ann');
    expect(fake.requests.at(-1)).toEqual(['lowerHand', { roomId: ROOM, userId: 'ann' }]);
  });

  it('shows a reaction for a while, marked when it is ours', async () => {
    vi.useFakeTimers();
    const fake = fakeConnection([]);
    const hands = createHands({
      roomId: ROOM,
      connection: fake.connection,
      selfUserId: () => 'me',
      reactionMs: 3000,
    });
    await hands.refresh();
    const reaction = { roomId: ROOM, peerId: 'p', username: 'ME', emoji: '🎉' } as const;
    fake.emit('reaction', { ...reaction, userId: 'me' });
    fake.emit('reaction', { ...reaction, userId: 'ann', emoji: '👍' });
    expect(hands.getState().reactions.map((r) => [r.emoji, r.mine])).toEqual([
      ['🎉', true],
      ['👍', false],
    ]);
    vi.advanceTimersByTime(3000);
    expect(hands.getState().reactions).toEqual([]);
  });

  it('shows nothing outside the call and stops listening when disposed', async () => {
    const fake = fakeConnection([hand('ann', 1)]);
    const hands = createHands({
      roomId: ROOM,
      connection: fake.connection,
      selfUserId: () => 'me',
    });
    fake.emit('handQueue', { roomId: ROOM, hands: [hand('ann', 1)] });
    expect(hands.getState().hands).toEqual([]);
    await hands.refresh();
    hands.reset();
    expect(hands.getState()).toEqual({ hands: [], position: null, reactions: [] });
    hands.dispose();
    expect(fake.handlers.size).toBe(0);
  });

  it('handPosition is 1-based and null when the hand is down', () => {
    const queue = [hand('a', 1), hand('b', 2)];
    expect(handPosition(queue, 'b')).toBe(2);
    expect(handPosition(queue, 'c')).toBeNull();
    expect(handPosition(queue, null)).toBeNull();
  });
});
