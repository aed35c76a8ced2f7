import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'mm-config-'));

describe('loadConfig', () => {
  it('defaults to SQLite in the data folder, port 3000, no Redis', () => {
    const dir = tmp();
    const config = loadConfig({}, dir);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(dir, 'data', 'minimeet.sqlite') });
    expect(config.redisUrl).toBeNull();
  });

  it('generates a development JWT secret once and keeps it in the data folder', () => {
    const dir = tmp();
    const first = loadConfig({}, dir).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}, dir).jwtSecret).toBe(first);
    expect(readFileSync(join(dir, 'data', 'jwt-secret'), 'utf8')).toBe(first);
  });

  it('selects MySQL/MariaDB from a mysql:// URL', () => {
    const config = loadConfig(
      { DATABASE_URL: 'mysql://u:p@db.internal:3306/minimeet', JWT_SECRET: 'x'.repeat(20) },
      tmp(),
    );
    expect(config.database).toMatchObject({ type: 'mysql', database: 'minimeet' });
  });

  it('lists every bad value at once', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          PORT: 'eighty',
          NODE_ENV: 'production',
          REDIS_URL: 'localhost',
          TURN_URLS: 'turn:x',
          LOG_LEVEL: 'loud',
        },
        tmp(),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'JWT_SECRET', 'REDIS_URL', 'TURN_SECRET', 'LOG_LEVEL'])
      expect(problems).toContain(name);
  });
});
