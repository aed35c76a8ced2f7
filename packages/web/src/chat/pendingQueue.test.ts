import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test/fixtures';
import { createPendingQueue } from './pendingQueue';

function setup(storage = memoryStorage()) {
  let n = 0;
  const queue = createPendingQueue({
    storage,
    makeId: () => `id-${++n}`,
    now: () => new Date('2025-01-15T10:00:00Z'),
  });
  queue.load('user-1');
  return { queue, storage };
}

describe('pendingQueue', () => {
  it('queues messages in order per room with a clientMessageId each', () => {
    const { queue } = setup();
    const a = queue.enqueue('r1', 'hello');
    queue.enqueue('r2', 'elsewhere');
    queue.enqueue('r1', 'again');
    expect(a).toMatchObject({
      clientMessageId: 'id-1',
      roomId: 'r1',
      content: 'hello',
      status: 'pending',
    });
    expect(queue.nextPending('r1')?.content).toBe('hello');
    queue.markSending('id-1');
    expect(queue.nextPending('r1')?.content).toBe('again');
  });

  it('persists per user and restores after a reload, "sending" becoming "pending"', () => {
    const storage = memoryStorage();
    const first = setup(storage).queue;
    first.enqueue('r1', 'one');
    first.enqueue('r1', 'two');
    first.markSending('id-1');
    first.markFailed('id-2', 'VALIDATION');

    const reloaded = createPendingQueue({ storage });
    reloaded.load('user-1');
    expect(reloaded.getState().map((m) => [m.content, m.status])).toEqual([
      ['one', 'pending'],
      ['two', 'failed'],
    ]);
    expect(reloaded.getState()[1]?.errorCode).toBe('VALIDATION');

    const otherUser = createPendingQueue({ storage });
    otherUser.load('user-2');
    expect(otherUser.getState()).toEqual([]);
  });

  it('removes confirmed messages and clears storage when empty', () => {
    const { queue, storage } = setup();
    queue.enqueue('r1', 'one');
    expect(storage.data.size).toBe(1);
    queue.remove('id-1');
    expect(queue.getState()).toEqual([]);
    expect(storage.data.size).toBe(0);
  });

  it('retrying a failed message makes it pending again without its error', () => {
    const { queue } = setup();
    queue.enqueue('r1', 'one');
    queue.markFailed('id-1', 'RATE_LIMITED');
    expect(queue.nextPending('r1')).toBeUndefined();
    queue.markPending('id-1');
    expect(queue.nextPending('r1')).toMatchObject({ status: 'pending', errorCode: undefined });
  });

  it('ignores corrupt storage content', () => {
    const storage = memoryStorage({
      'minimeet.pending.user-1': JSON.stringify([
        { nope: true },
        { clientMessageId: 'ok', roomId: 'r', content: 'c', createdAt: 'x', status: 'pending' },
      ]),
      'minimeet.pending.user-2': '{not json',
    });
    const queue = createPendingQueue({ storage });
    queue.load('user-1');
    expect(queue.getState().map((m) => m.clientMessageId)).toEqual(['ok']);
    queue.load('user-2');
    expect(queue.getState()).toEqual([]);
  });

  it('clear() forgets the saved queue; load(null) shows nothing', () => {
    const { queue, storage } = setup();
    queue.enqueue('r1', 'one');
    queue.clear();
    expect(storage.data.size).toBe(0);
    queue.enqueue('r1', 'two');
    queue.load(null);
    expect(queue.getState()).toEqual([]);
  });

  it('notifies subscribers on change only', () => {
    const { queue } = setup();
    let calls = 0;
    queue.subscribe(() => (calls += 1));
    queue.enqueue('r1', 'one');
    queue.remove('missing');
    queue.markSending('missing');
    expect(calls).toBe(1);
  });

  it('keeps working when storage throws', () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const queue = createPendingQueue({ storage });
    queue.load('u');
    expect(() => queue.enqueue('r1', 'still works')).not.toThrow();
    expect(queue.getState()).toHaveLength(1);
  });
});
