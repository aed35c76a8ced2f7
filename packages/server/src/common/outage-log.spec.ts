import { describe, expect, it } from 'vitest';
import { OutageLog } from './outage-log';

describe('OutageLog', () => {
  it('warns once per outage and again after 30 s without failures', () => {
    const warnings: string[] = [];
    let now = 0;
    const log = new OutageLog({ warn: (m: string) => warnings.push(m) }, 'database', () => now);
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
});
