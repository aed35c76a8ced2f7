import { describe, expect, it, vi } from 'vitest';
import type { CallEngine } from './callEngine';
import type { CallPhase } from './callState';
import { createCallRegistry } from './callRegistry';

function fakeEngine(roomId: string) {
  let phase: CallPhase = 'idle';
  const engine = {
    roomId,
    getState: () => ({ phase }),
    join: vi.fn(() => {
      phase = 'connected';
      return Promise.resolve();
    }),
    leave: vi.fn(() => {
      phase = 'idle';
      return Promise.resolve();
    }),
    cancelPreJoin: vi.fn(() => {
      phase = 'idle';
    }),
  };
  return engine as unknown as CallEngine & { leave: typeof engine.leave; join: typeof engine.join };
}

describe('call registry', () => {
  it('keeps the call across a quick remount and leaves it when the room is really closed', async () => {
    vi.useFakeTimers();
    const made: ReturnType<typeof fakeEngine>[] = [];
    const registry = createCallRegistry((roomId) => {
      const e = fakeEngine(roomId);
      made.push(e);
      return e;
    });
    const release = registry.retain('r1');
    await registry.join('r1');
    release();
    const again = registry.retain('r1');
    await vi.runAllTimersAsync();
    expect(made[0]?.leave).not.toHaveBeenCalled();
    again();
    await vi.runAllTimersAsync();
    expect(made[0]?.leave).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });

  it('is in one call at a time', async () => {
    const made = new Map<string, ReturnType<typeof fakeEngine>>();
    const registry = createCallRegistry((roomId) => {
      const e = fakeEngine(roomId);
      made.set(roomId, e);
      return e;
    });
    await registry.join('a');
    await registry.join('b');
    expect(made.get('a')?.leave).toHaveBeenCalledTimes(1);
    expect(registry.current()?.roomId).toBe('b');
  });
});
