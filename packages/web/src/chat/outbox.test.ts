import type { ChatMessage, SendMessagePayload } from '@minimeet/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../lib/errors';
import { deferred, flushPromises, memoryStorage, msg } from '../test/fixtures';
import { createOutbox } from './outbox';
import { createPendingQueue } from './pendingQueue';

function setup() {
  const queue = createPendingQueue({ storage: memoryStorage() });
  queue.load('me');
  const joined = new Set<string>();
  const sends: Array<{
    payload: SendMessagePayload;
    answer: ReturnType<typeof deferred<{ message: ChatMessage }>>;
  }> = [];
  const delivered: ChatMessage[] = [];
  const acquired: string[] = [];
  const released: string[] = [];
  const outbox = createOutbox({
    queue,
    isJoined: (roomId) => joined.has(roomId),
    send: (payload) => {
      const answer = deferred<{ message: ChatMessage }>();
      sends.push({ payload, answer });
      return answer.promise;
    },
    onSent: (m) => delivered.push(m),
    acquireRoom: (roomId) => {
      acquired.push(roomId);
      return () => released.push(roomId);
    },
    retryDelayMs: 1000,
  });
  const stored = (p: SendMessagePayload) => ({
    message: msg(`s-${p.clientMessageId}`, 1, {
      roomId: p.roomId,
      content: p.content,
      clientMessageId: p.clientMessageId,
    }),
  });
  return { queue, joined, sends, delivered, acquired, released, outbox, stored };
}

describe('outbox', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('keeps a message pending while the room is not joined, and sends it once when it is', async () => {
    const t = setup();
    t.outbox.send('r1', 'hello');
    expect(t.sends).toHaveLength(0);
    expect(t.queue.getState()[0]?.status).toBe('pending');
    expect(t.acquired).toEqual(['r1']); // the room is held so it gets joined

    t.joined.add('r1');
    void t.outbox.flush('r1');
    void t.outbox.flush('r1'); // a second trigger while sending does not send twice
    expect(t.sends).toHaveLength(1);
    expect(t.queue.getState()[0]?.status).toBe('sending');
    const { payload } = t.sends[0]!;
    expect(payload).toMatchObject({
      roomId: 'r1',
      content: 'hello',
      clientMessageId: t.queue.getState()[0]?.clientMessageId,
    });

    t.sends[0]!.answer.resolve(t.stored(payload));
    await flushPromises();
    expect(t.delivered.map((m) => m.content)).toEqual(['hello']);
    expect(t.queue.getState()).toEqual([]);
    expect(t.released).toEqual(['r1']);
  });

  it('sends a reply with the id of the message it answers, and keeps its quote while pending', () => {
    const t = setup();
    const quote = { id: '42', sender: { id: 'u2', username: 'bob' }, excerpt: 'lunch?' };
    t.outbox.send('r1', 'yes!', quote);
    expect(t.queue.getState()[0]?.replyTo).toEqual(quote);
    t.joined.add('r1');
    void t.outbox.flush('r1');
    expect(t.sends[0]?.payload).toMatchObject({ content: 'yes!', replyToId: '42' });
  });

  it("sends a room's messages one at a time, oldest first", async () => {
    const t = setup();
    t.joined.add('r1');
    t.outbox.send('r1', 'one');
    t.outbox.send('r1', 'two');
    expect(t.sends.map((s) => s.payload.content)).toEqual(['one']);
    t.sends[0]!.answer.resolve(t.stored(t.sends[0]!.payload));
    await flushPromises();
    expect(t.sends.map((s) => s.payload.content)).toEqual(['one', 'two']);
  });

  it('a lost connection keeps the message pending; the resend reuses its clientMessageId', async () => {
    const t = setup();
    t.joined.add('r1');
    t.outbox.send('r1', 'hello');
    t.joined.delete('r1');
    t.sends[0]!.answer.reject(new AppError('TIMEOUT'));
    await flushPromises();
    expect(t.queue.getState()[0]?.status).toBe('pending');

    t.joined.add('r1'); // reconnected and re-joined
    void t.outbox.flush('r1');
    expect(t.sends).toHaveLength(2);
    expect(t.sends[1]!.payload.clientMessageId).toBe(t.sends[0]!.payload.clientMessageId);
  });

  it('retries a transient failure by itself while still joined', async () => {
    const t = setup();
    t.joined.add('r1');
    t.outbox.send('r1', 'hello');
    t.sends[0]!.answer.reject(new AppError('UNAVAILABLE'));
    await flushPromises();
    expect(t.sends).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(t.sends).toHaveLength(2);
  });

  it('marks a refused message failed, moves on, and retry() sends it again', async () => {
    const t = setup();
    t.joined.add('r1');
    t.outbox.send('r1', 'flood');
    t.outbox.send('r1', 'next');
    t.sends[0]!.answer.reject(new AppError('RATE_LIMITED'));
    await flushPromises();
    expect(t.queue.getState().map((m) => [m.content, m.status, m.errorCode])).toEqual([
      ['flood', 'failed', 'RATE_LIMITED'],
      ['next', 'sending', undefined],
    ]);
    t.sends[1]!.answer.resolve(t.stored(t.sends[1]!.payload));
    await flushPromises();
    expect(t.released).toEqual(['r1']); // only a failed message left: the room is let go

    const failed = t.queue.getState()[0]!;
    t.outbox.retry(failed.clientMessageId);
    expect(t.sends[2]!.payload.clientMessageId).toBe(failed.clientMessageId);
  });

  it('discard() forgets a failed message', () => {
    const t = setup();
    const item = t.outbox.send('r1', 'bye');
    t.queue.markFailed(item.clientMessageId, 'VALIDATION');
    t.outbox.discard(item.clientMessageId);
    expect(t.queue.getState()).toEqual([]);
  });

  it('holds rooms that have messages restored from storage', () => {
    const storage = memoryStorage();
    const first = createPendingQueue({ storage });
    first.load('me');
    first.enqueue('r9', 'from before the reload');
    const queue = createPendingQueue({ storage });
    queue.load('me');
    const acquired: string[] = [];
    createOutbox({
      queue,
      isJoined: () => false,
      send: () => Promise.reject(new Error('not expected')),
      onSent: () => undefined,
      acquireRoom: (roomId) => {
        acquired.push(roomId);
        return () => undefined;
      },
    });
    expect(acquired).toEqual(['r9']);
  });
});
