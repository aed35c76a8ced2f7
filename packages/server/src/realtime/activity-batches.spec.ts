import type { RoomActivityEvent } from '@minimeet/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ACTIVITY_BATCH_MS,
  ACTIVITY_MIN_GAP_MS,
  ActivityBatches,
  FLUSH_SLICE,
} from './activity-batches';
import type { RealtimeService } from './realtime.service';

/** This process's connections: c1 and c2 are alice's (c2 has room r1 open), c3 is bob's. */
function fakeRealtime() {
  const channels = new Map<string, Set<string>>([
    ['user:alice', new Set(['c1', 'c2'])],
    ['user:bob', new Set(['c3'])],
    ['room:r1', new Set(['c2'])],
  ]);
  const sent: [string, RoomActivityEvent[]][] = [];
  const realtime = {
    localIn: (channel: string) => channels.get(channel) ?? new Set<string>(),
    sendLocal: (connectionId: string, _event: string, events: RoomActivityEvent[]) =>
      sent.push([connectionId, events]),
  } as unknown as RealtimeService;
  return { realtime, sent };
}

const activity = (roomId: string, messageId: string): RoomActivityEvent => ({
  roomId,
  messageId,
  senderId: 'carol',
  mentions: [],
});

describe('ActivityBatches', () => {
  afterEach(() => vi.useRealTimers());

  it('sends each connection without the room open one batch per period, in order', () => {
    vi.useFakeTimers();
    const { realtime, sent } = fakeRealtime();
    const batches = new ActivityBatches(realtime);
    batches.post(['alice', 'bob'], activity('r1', '1'));
    batches.post(['alice', 'bob'], activity('r1', '2'));
    batches.post(['bob'], activity('r2', '3'));
    expect(sent).toEqual([]); // gathered, not sent one by one
    vi.advanceTimersByTime(ACTIVITY_BATCH_MS);
    expect(sent).toEqual([
      ['c1', [activity('r1', '1'), activity('r1', '2')]],
      ['c3', [activity('r1', '1'), activity('r1', '2'), activity('r2', '3')]],
    ]); // c2 has r1 open: it hears the messages themselves
    vi.advanceTimersByTime(ACTIVITY_MIN_GAP_MS);
    batches.post(['alice'], activity('r2', '4')); // r2 is open nowhere: both of alice's tabs
    vi.advanceTimersByTime(ACTIVITY_BATCH_MS);
    expect(sent.slice(2)).toEqual([
      ['c1', [activity('r2', '4')]],
      ['c2', [activity('r2', '4')]],
    ]);
  });

  it('sends one connection at most one batch per ACTIVITY_MIN_GAP_MS, and loses nothing', () => {
    vi.useFakeTimers();
    const { realtime, sent } = fakeRealtime();
    const batches = new ActivityBatches(realtime);
    batches.post(['bob'], activity('r1', '1'));
    vi.advanceTimersByTime(ACTIVITY_BATCH_MS);
    expect(sent).toEqual([['c3', [activity('r1', '1')]]]); // a quiet room: within one period
    // A busy room: a message every period, gathered until the gap has passed.
    for (let i = 2; i <= 5; i++) {
      batches.post(['bob'], activity('r1', String(i)));
      vi.advanceTimersByTime(ACTIVITY_BATCH_MS);
    }
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(['c3', ['2', '3', '4', '5'].map((id) => activity('r1', id))]);
    batches.post(['bob'], activity('r1', '6'));
    vi.advanceTimersByTime(ACTIVITY_MIN_GAP_MS);
    expect(sent.slice(2)).toEqual([['c3', [activity('r1', '6')]]]);
    expect(vi.getTimerCount()).toBe(0); // nothing left waiting
  });

  it('sends a period of many connections in slices, one per event-loop turn', () => {
    vi.useFakeTimers();
    const connections = Array.from({ length: FLUSH_SLICE * 2 + 1 }, (_, i) => `c${i}`);
    const sent: string[] = [];
    const realtime = {
      localIn: (channel: string) => new Set(channel === 'user:alice' ? connections : []),
      sendLocal: (connectionId: string) => sent.push(connectionId),
    } as unknown as RealtimeService;
    new ActivityBatches(realtime).post(['alice'], activity('r1', '1'));
    vi.advanceTimersByTime(ACTIVITY_BATCH_MS - 1);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(FLUSH_SLICE); // the first slice, in the timer's turn
    vi.runAllTicks();
    vi.advanceTimersToNextTimer(); // the next turn
    expect(sent).toHaveLength(FLUSH_SLICE * 2);
    vi.advanceTimersToNextTimer();
    expect(sent).toEqual(connections);
  });

  it('schedules nothing for members with no connection here', () => {
    vi.useFakeTimers();
    const { realtime, sent } = fakeRealtime();
    new ActivityBatches(realtime).post(['dave'], activity('r1', '1'));
    expect(vi.getTimerCount()).toBe(0);
    expect(sent).toEqual([]);
  });
});
