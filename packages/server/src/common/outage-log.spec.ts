import { describe, expect, it } from 'vitest';
import { OutageLog } from './outage-log';

describe('OutageLog', () => {
  it('warns once per outage and again after 30 s without failures', () => {
    const warnings: string[] = [];
    let now = 0;
    const log = new OutageLog(
      { warn: (m: string) => warnings.push(m), log: () => undefined },
      'database',
      () => now,
    );
    for (let i = 0; i < 100; i++) {
      log.failed(new Error('connect ECONNREFUSED'));
      now += 100; // 10 s of failures, one every 100 ms
    }
    expect(warnings).toEqual([
      'database unavailable (further failures are not logged): connect ECONNREFUSED',
    ]);
    now += 31_000;
    log.failed(new Error('Query inactivity timeout'));
    expect(warnings).toHaveLength(2);
    expect(log.failures).toBe(101);
  });

  it('ends an outage when the dependency answers, so the next failure is logged again', () => {
    const lines: string[] = [];
    const log = new OutageLog(
      { warn: (m: string) => lines.push(`warn ${m}`), log: (m: string) => lines.push(`log ${m}`) },
      'presence store',
    );
    log.recovered(); // no outage: nothing to say
    log.failed(new Error('Connection is closed'));
    log.failed(new Error('Connection is closed'));
    log.recovered();
    log.recovered();
    log.failed(new Error('ETIMEDOUT'));
    expect(lines).toEqual([
      'warn presence store unavailable (further failures are not logged): Connection is closed',
      'log presence store reachable again',
      'warn presence store unavailable (further failures are not logged): ETIMEDOUT',
    ]);
  });
});
