import type { Logger } from '@nestjs/common';

/** An outage is over once its dependency has not failed for this long. */
const QUIET_MS = 30_000;

/**
 * Logs a dependency's failures once per outage (a warning with the first error), not once per
 * request: a database or Redis that is down for 10 s under load would otherwise write thousands
 * of lines. The failures of an outage are still counted, and `failures` reports them.
 */
export class OutageLog {
  private lastFailureAt = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    private readonly logger: Pick<Logger, 'warn' | 'log'>,
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  failed(error: unknown): void {
    const at = this.now();
    const isNew = at - this.lastFailureAt > QUIET_MS;
    this.lastFailureAt = at;
    this.count += 1;
    if (!isNew) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`${this.what} unavailable (further failures are not logged): ${reason}`);
  }

  /**
   * The dependency answered: an outage in progress ends now (logged once), and the next failure
   * is a new outage, logged again.
   */
  recovered(): void {
    if (this.lastFailureAt === Number.NEGATIVE_INFINITY) return;
    this.lastFailureAt = Number.NEGATIVE_INFINITY;
    this.logger.log(`${this.what} reachable again`);
  }

  /** Failures seen since the process started. */
  get failures(): number {
    return this.count;
  }
}
