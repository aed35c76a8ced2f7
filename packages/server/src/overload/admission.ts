import { performance } from 'node:perf_hooks';

/**
 * Why a write was refused: too many already in progress, the event loop lagging, the event loop
 * busy nearly all the time (the process takes in more than it can serve), or stalled reading
 * sockets (its own timer overdue).
 */
export type ShedReason = 'in_flight' | 'loop_delay' | 'loop_busy' | 'loop_stalled';

/** Share of the time the event loop may be busy before writes are refused (with the loop signal). */
const MAX_LOOP_UTILIZATION = 0.9;

export interface AdmissionLimits {
  maxInFlight: number;
  /** 0: the event-loop signal is not used. */
  maxLoopDelayMs: number;
  /**
   * How often a timer beats (`heartbeat`) to show the loop comes round: a beat overdue by more than
   * a quarter of maxLoopDelayMs is itself the signal of a stall. 0 or unset: not used.
   */
  heartbeatMs?: number;
}

/**
 * Bounds the writes one process works on: a counter of admitted writes not yet answered, and the
 * latest event-loop delay. A write over either bound is refused at once instead of queued, so the
 * work (and memory) waiting in the process stays bounded and accepted writes stay fast.
 */
export class Admission {
  private inFlight = 0;
  private loopDelayMs = 0;
  /** The event loop's busy share over the last two sample periods (newest first). */
  private loopUtilization: [number, number] = [0, 0];
  /** When the heartbeat timer last ran (performance.now()); null before its first beat. */
  private beatAt: number | null = null;

  constructor(private readonly limits: AdmissionLimits) {}

  get active(): number {
    return this.inFlight;
  }

  /** Null and counted as in flight when admitted (call `leave` when done), else the reason. */
  tryEnter(): ShedReason | null {
    const lagging = this.lagging();
    if (lagging !== null) return lagging;
    if (this.inFlight >= this.limits.maxInFlight) return 'in_flight';
    this.inFlight++;
    return null;
  }

  /**
   * 'loop_delay' while the event loop lags past its bound (nothing is counted); 'loop_stalled'
   * while the heartbeat timer is late by more than a quarter of that bound: a loop busy reading
   * sockets (libuv reads up to 48 x 1024 ready sockets before it runs timers or immediates) runs
   * no timer, so the last sample would otherwise say all is well for as long as the flood lasts.
   * The beat is short (tens of ms) so that a frame waits at most about that long before the stall
   * is seen.
   */
  lagging(now: number = performance.now()): ShedReason | null {
    if (this.limits.maxLoopDelayMs <= 0) return null;
    if (this.loopDelayMs > this.limits.maxLoopDelayMs) return 'loop_delay';
    const beat = this.limits.heartbeatMs ?? 0;
    if (
      beat > 0 &&
      this.beatAt !== null &&
      now - this.beatAt > beat + this.limits.maxLoopDelayMs / 4
    )
      return 'loop_stalled';
    // Busy over two periods in a row: one busy period alone is a burst, not an overload.
    return this.loopUtilization.every((share) => share > MAX_LOOP_UTILIZATION) ? 'loop_busy' : null;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  observeLoopDelay(ms: number): void {
    this.loopDelayMs = ms;
  }

  /** The heartbeat timer ran (at `at`, performance.now()). */
  heartbeat(at: number = performance.now()): void {
    this.beatAt = at;
  }

  /** The share (0-1) of the last sample period the event loop was busy. */
  observeLoopUtilization(share: number): void {
    this.loopUtilization = [share, this.loopUtilization[0]];
  }
}
