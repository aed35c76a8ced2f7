/** Why a write was refused: too many already in progress, or the event loop lagging. */
export type ShedReason = 'in_flight' | 'loop_delay';

export interface AdmissionLimits {
  maxInFlight: number;
  /** 0: the event-loop signal is not used. */
  maxLoopDelayMs: number;
}

/**
 * Bounds the writes one process works on: a counter of admitted writes not yet answered, and the
 * latest event-loop delay. A write over either bound is refused at once instead of queued, so the
 * work (and memory) waiting in the process stays bounded and accepted writes stay fast.
 */
export class Admission {
  private inFlight = 0;
  private loopDelayMs = 0;

  constructor(private readonly limits: AdmissionLimits) {}

  get active(): number {
    return this.inFlight;
  }

  /** Null and counted as in flight when admitted (call `leave` when done), else the reason. */
  tryEnter(): ShedReason | null {
    if (this.limits.maxLoopDelayMs > 0 && this.loopDelayMs > this.limits.maxLoopDelayMs)
      return 'loop_delay';
    if (this.inFlight >= this.limits.maxInFlight) return 'in_flight';
    this.inFlight++;
    return null;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  observeLoopDelay(ms: number): void {
    this.loopDelayMs = ms;
  }
}
