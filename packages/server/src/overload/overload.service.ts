import { ErrorCode } from '@minimeet/contract';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  monitorEventLoopDelay,
  performance,
  type EventLoopUtilization,
  type IntervalHistogram,
} from 'node:perf_hooks';
import { Counter, Gauge } from 'prom-client';
import { AppError } from '../common/app-error';
import { BUSY_MESSAGE, Refusal, type RefusalAck } from '../common/refusal';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { Admission, type ShedReason } from './admission';

const SAMPLE_MS = 100;
/** The stall heartbeat: a write waits at most about this plus a quarter of OVERLOAD_MAX_LOOP_DELAY_MS. */
const HEARTBEAT_MS = 25;
const RESOLUTION_MS = 10;

/**
 * Sheds chat writes under overload: each write runs through `admit`, which refuses it at once with
 * UNAVAILABLE (the web outbox retries those later) when this process already works on too many or
 * its event loop lags. Logs once when shedding starts and once when it stops, with the count.
 */
@Injectable()
export class OverloadService implements OnModuleDestroy {
  private readonly logger = new Logger('Overload');
  private readonly admission: Admission;
  private readonly loopDelay: IntervalHistogram | null;
  private readonly timers: ReturnType<typeof setInterval>[];
  /** Refusals not yet added to minimeet_writes_shed_total (added at scrape: a plain count is cheap). */
  private readonly unreported = new Map<ShedReason, number>();
  private lastUtilization: EventLoopUtilization = performance.eventLoopUtilization();
  /** Writes refused since shedding started; null while not shedding. */
  private shedding: { since: number; count: number; lastSampleCount: number } | null = null;
  private readonly starvedWork = new Set<() => void>();
  /** The starved work was run for the current stall (until the next heartbeat). */
  private kicked = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: MetricsService) {
    const { maxInFlight, maxLoopDelayMs } = config.overload;
    this.admission = new Admission({ maxInFlight, maxLoopDelayMs, heartbeatMs: HEARTBEAT_MS });
    this.loopDelay =
      maxLoopDelayMs > 0 ? monitorEventLoopDelay({ resolution: RESOLUTION_MS }) : null;
    this.loopDelay?.enable();
    const registers = [metrics.registry];
    const unreported = this.unreported;
    new Counter({
      name: 'minimeet_writes_shed_total',
      help: 'Chat writes refused with UNAVAILABLE because the process was overloaded, by reason',
      labelNames: ['reason'],
      registers,
      collect() {
        for (const [reason, count] of unreported) this.inc({ reason }, count);
        unreported.clear();
      },
    });
    const admission = this.admission;
    new Gauge({
      name: 'minimeet_writes_in_flight',
      help: 'Chat writes admitted and not yet answered on this process',
      registers,
      collect() {
        this.set(admission.active);
      },
    });
    this.timers = [
      setInterval(() => this.sample(), SAMPLE_MS),
      setInterval(() => this.beat(), HEARTBEAT_MS),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /**
   * The refusal for a write arriving while the event loop lags, else null: checked as the socket
   * frame arrives, before validation and the handler, so that refusing costs less than serving.
   */
  refuseEarly(): RefusalAck | null {
    const reason = this.admission.lagging();
    if (reason === null) return null;
    if (reason === 'loop_stalled' && !this.kicked) {
      this.kicked = true;
      for (const run of this.starvedWork) queueMicrotask(run);
    }
    this.shed(reason);
    return Refusal.busy;
  }

  /**
   * Work that waits for the event loop's check phase (`setImmediate`) and must not wait out a
   * stall: run once, as a microtask, when a frame finds the loop stalled reading sockets (the
   * writes already admitted then complete instead of waiting seconds for the loop to come round).
   */
  whenStalled(run: () => void): void {
    this.starvedWork.add(run);
  }

  /** Runs the write if the process can take it now; otherwise throws UNAVAILABLE at once. */
  async admit<T>(write: () => Promise<T>): Promise<T> {
    const refused = this.admission.tryEnter();
    if (refused !== null) {
      this.shed(refused);
      throw new AppError(ErrorCode.UNAVAILABLE, BUSY_MESSAGE);
    }
    try {
      return await write();
    } finally {
      this.admission.leave();
    }
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.loopDelay?.disable();
  }

  private shed(reason: ShedReason): void {
    this.unreported.set(reason, (this.unreported.get(reason) ?? 0) + 1);
    if (this.shedding === null) {
      this.shedding = { since: Date.now(), count: 0, lastSampleCount: 0 };
      this.logger.warn(
        `Overloaded (${reason}, ${this.admission.active} writes in flight): refusing chat writes with UNAVAILABLE`,
      );
    }
    this.shedding.count++;
  }

  private beat(): void {
    this.kicked = false;
    this.admission.heartbeat();
  }

  private sample(): void {
    if (this.loopDelay) {
      // The histogram counts the timer's own period too: only the lag beyond it is delay.
      this.admission.observeLoopDelay(Math.max(0, this.loopDelay.mean / 1e6 - RESOLUTION_MS));
      this.loopDelay.reset();
      const now = performance.eventLoopUtilization();
      this.admission.observeLoopUtilization(
        performance.eventLoopUtilization(now, this.lastUtilization).utilization,
      );
      this.lastUtilization = now;
    }
    const s = this.shedding;
    if (s === null) return;
    if (s.count > s.lastSampleCount) {
      s.lastSampleCount = s.count;
      return;
    }
    // A whole sample period without refusing anything: the overload is over.
    this.logger.log(
      `Overload over: ${s.count} chat writes refused in ${((Date.now() - s.since) / 1000).toFixed(1)} s`,
    );
    this.shedding = null;
  }
}
