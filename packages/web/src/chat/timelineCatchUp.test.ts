import type { LoadHistoryResult } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { deferred, flushPromises, msg } from '../test/fixtures';
import { createTimeline } from './timeline';

/** A room's stored messages, ids 1..n, one a minute; pages as the server gives them. */
function room(count: number) {
  const all = Array.from({ length: count }, (_, i) => msg(String(i + 1), i + 1));
  const latest = (limit: number): LoadHistoryResult => ({
    messages: all.slice(-limit),
    nextCursor: all.length > limit ? `before-${all.length - limit + 1}` : null,
  });
  const after = (id: string, limit: number): LoadHistoryResult => {
    const rest = all.filter((m) => Number(m.id) > Number(id));
    const page = rest.slice(0, limit);
    return { messages: page, nextCursor: rest.length > limit ? (page.at(-1)?.id ?? null) : null };
  };
  return { all, latest, after, add: () => all.push(msg(String(all.length + 1), all.length + 1)) };
}
const ids = (t: ReturnType<typeof createTimeline>) => t.getState().messages.map((m) => m.id);

describe('timeline catch-up after a reconnect', () => {
  it('fetches what came after the newest message it has, page by page, without duplicates', async () => {
    const server = room(3);
    const afterCalls: string[] = [];
    let latestCalls = 0;
    const timeline = createTimeline(
      () => {
        latestCalls += 1;
        return Promise.resolve(server.latest(50));
      },
      (after) => {
        afterCalls.push(after);
        return Promise.resolve(server.after(after, 2));
      },
    );
    await timeline.loadLatest();
    expect(ids(timeline)).toEqual(['1', '2', '3']);

    // The socket drops; 4..8 are stored meanwhile, 6 reached us live right after the re-join.
    timeline.interrupted();
    for (let i = 0; i < 5; i += 1) server.add();
    timeline.add(server.all[5]!);
    await timeline.loadLatest(); // the re-join after the reconnect

    expect(ids(timeline)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(afterCalls).toEqual(['3', '5', '7']);
    expect(latestCalls).toBe(1);
    expect(timeline.getState().nextCursor).toBeNull();
  });

  it('after an interruption between processes catches up from before it, not from the newest', async () => {
    const server = room(2);
    const afterCalls: string[] = [];
    const timeline = createTimeline(
      () => Promise.resolve(server.latest(50)),
      (after) => {
        afterCalls.push(after);
        return Promise.resolve(server.after(after, 50));
      },
    );
    await timeline.loadLatest();
    // Redis was down from minute 3: 3 (another process) was lost, 4 (this process) arrived live.
    server.add();
    server.add();
    timeline.add(server.all[3]!);
    timeline.interrupted(server.all[2]!.createdAt);
    await timeline.loadLatest();
    expect(afterCalls).toEqual(['2']);
    expect(ids(timeline)).toEqual(['1', '2', '3', '4']);
    // The next reconnect without an interruption mark pages from the newest.
    await timeline.loadLatest();
    expect(afterCalls).toEqual(['2', '4']);
  });

  it('keeps a live message that arrives while the catch-up page is in flight, once', async () => {
    const server = room(2);
    const page = deferred<LoadHistoryResult>();
    const timeline = createTimeline(
      () => Promise.resolve(server.latest(50)),
      () => page.promise,
    );
    await timeline.loadLatest();
    server.add();
    server.add();
    const catchingUp = timeline.loadLatest();
    timeline.add(server.all[3]!); // live, after the reconnect
    page.resolve(server.after('2', 100));
    await catchingUp;
    expect(ids(timeline)).toEqual(['1', '2', '3', '4']);
  });

  it('after more than ten pages missed shows the newest page and loads older ones on demand', async () => {
    const server = room(2);
    const timeline = createTimeline(
      (before) => Promise.resolve(before ? server.after('0', 1) : server.latest(3)),
      (after) => Promise.resolve(server.after(after, 1)),
    );
    await timeline.loadLatest();
    for (let i = 0; i < 20; i += 1) server.add();
    await timeline.loadLatest();
    expect(ids(timeline)).toEqual(['20', '21', '22']);
    expect(timeline.getState().nextCursor).toBe('before-20');
  });

  it('takes changes made while away, but keeps a live change that arrives while they load', async () => {
    const server = room(2);
    const changes = deferred<LoadHistoryResult>();
    const asked: string[] = [];
    const timeline = createTimeline(
      () => Promise.resolve(server.latest(50)),
      (after) => Promise.resolve(server.after(after, 50)),
      (changedSince) => {
        asked.push(changedSince);
        return changes.promise;
      },
    );
    await timeline.loadLatest();
    const since = new Date(Date.UTC(2025, 0, 15, 10, 30)).toISOString();
    timeline.interrupted(since);
    const catchingUp = timeline.loadLatest();
    await flushPromises(5);
    expect(asked).toEqual([since]); // the changes page is in flight
    // Live, after the reconnect: newer than what the changes page (computed before) says of 2.
    timeline.update({ ...server.all[1]!, content: 'live, newest' });
    changes.resolve({
      messages: [
        { ...server.all[0]!, content: 'edited while away' },
        { ...server.all[1]!, content: 'stale' },
      ],
      nextCursor: null,
    });
    await catchingUp;
    expect(asked).toEqual([since]);
    expect(timeline.getState().messages.map((m) => m.content)).toEqual([
      'edited while away',
      'live, newest',
    ]);
  });

  it('records a failed catch-up and catches up on the next attempt', async () => {
    const server = room(1);
    let fail = false;
    const timeline = createTimeline(
      () => Promise.resolve(server.latest(50)),
      (after) =>
        fail
          ? Promise.reject(new AppError('UNAVAILABLE'))
          : Promise.resolve(server.after(after, 50)),
    );
    await timeline.loadLatest();
    server.add();
    fail = true;
    await timeline.loadLatest();
    expect(timeline.getState().errorCode).toBe('UNAVAILABLE');
    fail = false;
    await timeline.loadLatest();
    expect(ids(timeline)).toEqual(['1', '2']);
    expect(timeline.getState().errorCode).toBeNull();
  });
});
