import type { Repository } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/config';
import type { CallParticipantEntity } from '../database/entities/call-participant.entity';
import type { CallSessionEntity } from '../database/entities/call-session.entity';
import { MetricsService } from '../metrics/metrics.service';
import { OverloadService } from './overload.service';

const noRows = { count: () => Promise.resolve(0) };

describe('OverloadService while the event loop is stalled', () => {
  let service: OverloadService | undefined;
  afterEach(() => {
    service?.onModuleDestroy();
    vi.useRealTimers();
  });

  it('refuses writes and runs the starved work once per stall, as a microtask', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const config = { overload: { maxInFlight: 10, maxLoopDelayMs: 100 } } as unknown as AppConfig;
    const metrics = new MetricsService(
      noRows as unknown as Repository<CallSessionEntity>,
      noRows as unknown as Repository<CallParticipantEntity>,
    );
    service = new OverloadService(config, metrics);
    const runs: string[] = [];
    service.whenStalled(() => runs.push('drain'));

    vi.advanceTimersByTime(100); // the first sample
    expect(service.refuseEarly()).toBeNull();
    // The loop is busy (reading sockets) for 200 ms: the sampling timer cannot run.
    for (const until = performance.now() + 200; performance.now() < until;);
    expect(service.refuseEarly()?.error.code).toBe('UNAVAILABLE');
    expect(service.refuseEarly()?.error.code).toBe('UNAVAILABLE');
    expect(runs).toEqual([]); // not run inside the frame's handler...
    await Promise.resolve();
    expect(runs).toEqual(['drain']); // ...but right after it, and once
  });
});
