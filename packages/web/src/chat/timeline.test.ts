import type { LoadHistoryResult } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { deferred, msg } from '../test/fixtures';
import { createTimeline } from './timeline';

const page = (ids: Array<[string, number]>, nextCursor: string | null): LoadHistoryResult => ({
  messages: ids.map(([id, minute]) => msg(id, minute)),
  nextCursor,
});
const ids = (t: ReturnType<typeof createTimeline>) => t.getState().messages.map((m) => m.id);

describe('timeline', () => {
  it('loads the newest page, then older pages by cursor', async () => {
    const calls: Array<string | undefined> = [];
    const timeline = createTimeline((before) => {
      calls.push(before);
      return Promise.resolve(
        before === undefined
          ? page(
              [
                ['c', 3],
                ['d', 4],
              ],
              'cur-1',
            )
          : page(
              [
                ['a', 1],
                ['b', 2],
              ],
              null,
            ),
      );
    });
    await timeline.loadLatest();
    expect(ids(timeline)).toEqual(['c', 'd']);
    expect(timeline.getState()).toMatchObject({ loaded: true, nextCursor: 'cur-1' });
    await timeline.loadOlder();
    expect(ids(timeline)).toEqual(['a', 'b', 'c', 'd']);
    expect(timeline.getState().nextCursor).toBeNull();
    await timeline.loadOlder(); // nothing more: no request
    expect(calls).toEqual([undefined, 'cur-1']);
  });

  it('keeps live messages that arrived before the first page', async () => {
    const first = deferred<LoadHistoryResult>();
    const timeline = createTimeline(() => first.promise);
    const loading = timeline.loadLatest();
    timeline.add(msg('live', 9));
    first.resolve(
      page(
        [
          ['a', 1],
          ['live', 9],
        ],
        null,
      ),
    );
    await loading;
    expect(ids(timeline)).toEqual(['a', 'live']);
  });

  it('shares one request between concurrent older-page loads', async () => {
    let older = 0;
    const timeline = createTimeline((before) => {
      if (before) older += 1;
      return Promise.resolve(before ? page([['a', 1]], null) : page([['b', 2]], 'cur'));
    });
    await timeline.loadLatest();
    await Promise.all([timeline.loadOlder(), timeline.loadOlder()]);
    expect(older).toBe(1);
  });

  it('catches up after a reconnect by merging an overlapping newest page', async () => {
    let latest = page(
      [
        ['a', 1],
        ['b', 2],
      ],
      'cur-a',
    );
    const timeline = createTimeline(() => Promise.resolve(latest));
    await timeline.loadLatest();
    latest = page(
      [
        ['b', 2],
        ['c', 3],
      ],
      'cur-b',
    );
    await timeline.loadLatest();
    expect(ids(timeline)).toEqual(['a', 'b', 'c']);
    expect(timeline.getState().nextCursor).toBe('cur-a');
  });

  it('after a gap keeps only the newest page and reloads older ones from its cursor', async () => {
    let latest = page(
      [
        ['a', 1],
        ['b', 2],
      ],
      'cur-a',
    );
    const timeline = createTimeline(() => Promise.resolve(latest));
    await timeline.loadLatest();
    latest = page(
      [
        ['x', 30],
        ['y', 31],
      ],
      'cur-x',
    );
    await timeline.loadLatest();
    expect(ids(timeline)).toEqual(['x', 'y']);
    expect(timeline.getState().nextCursor).toBe('cur-x');
  });

  it('drops an older page that was in flight when a gap reset happened', async () => {
    const older = deferred<LoadHistoryResult>();
    let latest = page([['m', 10]], 'cur-m');
    const timeline = createTimeline((before) => (before ? older.promise : Promise.resolve(latest)));
    await timeline.loadLatest();
    const loadingOlder = timeline.loadOlder();
    latest = page([['z', 50]], 'cur-z');
    await timeline.loadLatest();
    older.resolve(page([['a', 1]], null));
    await loadingOlder;
    expect(ids(timeline)).toEqual(['z']);
    expect(timeline.getState().nextCursor).toBe('cur-z');
  });

  it('records the error code when a page fails and recovers on the next success', async () => {
    let fail = true;
    const timeline = createTimeline(() =>
      fail ? Promise.reject(new AppError('FORBIDDEN')) : Promise.resolve(page([['a', 1]], null)),
    );
    await timeline.loadLatest();
    expect(timeline.getState()).toMatchObject({ loaded: false, errorCode: 'FORBIDDEN' });
    fail = false;
    await timeline.loadLatest();
    expect(timeline.getState()).toMatchObject({ loaded: true, errorCode: null });
  });

  it('ensureMessage loads older pages until the message is there', async () => {
    const pages: Record<string, LoadHistoryResult> = {
      latest: page([['e', 5]], 'p2'),
      p2: page(
        [
          ['c', 3],
          ['d', 4],
        ],
        'p3',
      ),
      p3: page(
        [
          ['a', 1],
          ['b', 2],
        ],
        null,
      ),
    };
    const timeline = createTimeline((before) => Promise.resolve(pages[before ?? 'latest']!));
    await timeline.loadLatest();
    await expect(timeline.ensureMessage('b')).resolves.toBe(true);
    expect(ids(timeline)).toEqual(['a', 'b', 'c', 'd', 'e']);
    await expect(timeline.ensureMessage('missing')).resolves.toBe(false);
  });

  it('add() ignores duplicates of messages it has', async () => {
    const timeline = createTimeline(() => Promise.resolve(page([['a', 1]], null)));
    await timeline.loadLatest();
    const before = timeline.getState();
    timeline.add(before.messages[0]!);
    expect(timeline.getState()).toBe(before);
  });
});
