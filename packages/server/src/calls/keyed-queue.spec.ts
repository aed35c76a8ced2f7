import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue';

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, even when an earlier one is slower or fails', async () => {
    const sut = new KeyedQueue();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = sut.run('k', async () => {
      await gate;
      order.push('first');
      throw new Error('boom');
    });
    const second = sut.run('k', () => Promise.resolve(order.push('second')));
    const other = sut.run('other', () => Promise.resolve(order.push('other')));
    await other;
    expect(order).toEqual(['other']);
    release();
    await expect(first).rejects.toThrow('boom');
    await second;
    expect(order).toEqual(['other', 'first', 'second']);
  });

  it('forgets a key once its queue is empty', async () => {
    const sut = new KeyedQueue();
    await sut.run('k', () => Promise.resolve(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sut.size).toBe(0);
  });
});
