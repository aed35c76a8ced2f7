import { describe, expect, it } from 'vitest';
import { Admission } from './admission';

describe('Admission', () => {
  it('admits up to the in-flight bound, then refuses until one leaves', () => {
    const admission = new Admission({ maxInFlight: 2, maxLoopDelayMs: 0 });
    expect(admission.tryEnter()).toBeNull();
    expect(admission.tryEnter()).toBeNull();
    expect(admission.tryEnter()).toBe('in_flight');
    admission.leave();
    expect(admission.tryEnter()).toBeNull();
    expect(admission.active).toBe(2);
  });

  it('refuses while the event loop lags and admits again once it does not', () => {
    const admission = new Admission({ maxInFlight: 10, maxLoopDelayMs: 100 });
    admission.observeLoopDelay(250);
    expect(admission.tryEnter()).toBe('loop_delay');
    admission.observeLoopDelay(5);
    expect(admission.tryEnter()).toBeNull();
  });

  it('refuses while the event loop is busy nearly all the time, before any write counts', () => {
    const admission = new Admission({ maxInFlight: 10, maxLoopDelayMs: 100 });
    admission.observeLoopUtilization(0.97);
    expect(admission.lagging()).toBeNull(); // one busy period: a burst
    admission.observeLoopUtilization(0.97);
    expect(admission.lagging()).toBe('loop_busy');
    expect(admission.tryEnter()).toBe('loop_busy');
    expect(admission.active).toBe(0);
    admission.observeLoopUtilization(0.6);
    expect(admission.lagging()).toBeNull();
    expect(admission.tryEnter()).toBeNull();
  });

  it('ignores the event loop when that signal is off', () => {
    const admission = new Admission({ maxInFlight: 10, maxLoopDelayMs: 0 });
    admission.observeLoopDelay(10_000);
    admission.observeLoopUtilization(1);
    expect(admission.tryEnter()).toBeNull();
  });

  it('refuses while its heartbeat is overdue: the loop is stalled reading sockets', () => {
    const admission = new Admission({ maxInFlight: 10, maxLoopDelayMs: 100, heartbeatMs: 25 });
    expect(admission.lagging(5_000)).toBeNull(); // no beat yet
    admission.heartbeat(1_000);
    expect(admission.lagging(1_045)).toBeNull(); // a little late: normal
    expect(admission.lagging(1_060)).toBe('loop_stalled');
    admission.heartbeat(1_070); // the timer ran again: the stall is over
    expect(admission.lagging(1_080)).toBeNull();
  });
});
