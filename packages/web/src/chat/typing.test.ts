import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingSender, createTypingTracker, typingText } from './typing';

const ev = (userId: string, isTyping: boolean) => ({
  roomId: 'r',
  userId,
  username: userId,
  isTyping,
});

describe('typing tracker', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('lists others who type, not me, and expires silent ones', () => {
    const tracker = createTypingTracker({ selfId: () => 'me', expireMs: 5000 });
    tracker.handle(ev('me', true));
    tracker.handle(ev('ann', true));
    tracker.handle(ev('bob', true));
    expect(tracker.getState().map((t) => t.username)).toEqual(['ann', 'bob']);
    vi.advanceTimersByTime(3000);
    tracker.handle(ev('ann', true)); // still typing: timer restarts
    vi.advanceTimersByTime(2500);
    expect(tracker.getState().map((t) => t.username)).toEqual(['ann']);
    tracker.handle(ev('ann', false));
    expect(tracker.getState()).toEqual([]);
  });

  it("a sent message ends that person's typing", () => {
    const tracker = createTypingTracker({ selfId: () => 'me' });
    tracker.handle(ev('ann', true));
    tracker.stopped('ann');
    expect(tracker.getState()).toEqual([]);
  });
});

describe('typingText', () => {
  it('reads naturally', () => {
    const t = (...names: string[]) => typingText(names.map((n) => ({ userId: n, username: n })));
    expect(t()).toBe('');
    expect(t('ann')).toBe('ann is typing…');
    expect(t('ann', 'bob')).toBe('ann and bob are typing…');
    expect(t('ann', 'bob', 'cy', 'dee')).toBe('ann, bob and 2 more are typing…');
  });
});

describe('typing sender', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends "typing" once, repeats while typing continues, and "stopped" after a pause', () => {
    const sent: boolean[] = [];
    const sender = createTypingSender({
      send: (v) => sent.push(v),
      idleMs: 3000,
      repeatMs: 2500,
      now: () => Date.now(),
    });
    sender.input();
    sender.input();
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(2000);
    sender.input();
    vi.advanceTimersByTime(1000);
    sender.input(); // 3 s since the first signal: repeat it
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(3000);
    expect(sent).toEqual([true, true, false]);
  });

  it('stop() sends "stopped" only when typing was announced', () => {
    const sent: boolean[] = [];
    const sender = createTypingSender({ send: (v) => sent.push(v) });
    sender.stop();
    sender.input();
    sender.stop();
    sender.stop();
    expect(sent).toEqual([true, false]);
  });
});
