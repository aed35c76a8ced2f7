import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/temp-dirs';
import { isAdminUsername, isOriginAllowed } from './access-config';
import { ConfigError, loadConfig } from './config';

const tmp = useTempDirs('mm-config-');

describe('loadConfig', () => {
  it('defaults to SQLite in the data folder, port 3000, no Redis', () => {
    const dir = tmp();
    const config = loadConfig({}, dir);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(dir, 'data', 'minimeet.sqlite') });
    expect(config.redisUrl).toBeNull();
  });

  it('attachments: 25 MB, 1 GiB and unsent uploads kept 24 h by default under DATA_DIR/files; bad values refused at boot', () => {
    const dir = tmp();
    expect(loadConfig({}, dir).attachments).toEqual({
      maxBytes: 26_214_400,
      quotaBytes: 1024 ** 3,
      dir: join(dir, 'data', 'files'),
      orphanTtlMinutes: 1440,
    });
    expect(
      loadConfig({ ATTACHMENT_ORPHAN_TTL_MINUTES: '30' }, tmp()).attachments.orphanTtlMinutes,
    ).toBe(30);
    for (const bad of ['0', '-5', '1.5', 'soon', '43201'])
      expect(() => loadConfig({ ATTACHMENT_ORPHAN_TTL_MINUTES: bad }, tmp())).toThrow(
        /ATTACHMENT_ORPHAN_TTL_MINUTES must be an integer between 1 and 43200/,
      );
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: 'lots' }, tmp())).toThrow(
      /ATTACHMENT_MAX_BYTES must be an integer/,
    );
    expect(() =>
      loadConfig({ ATTACHMENT_MAX_BYTES: '2000', ATTACHMENT_QUOTA_BYTES: '1000' }, tmp()),
    ).toThrow(/must not be larger than ATTACHMENT_QUOTA_BYTES/);
  });

  it('generates a development JWT secret once and keeps it in the data folder', () => {
    const dir = tmp();
    const first = loadConfig({}, dir).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}, dir).jwtSecret).toBe(first);
    expect(readFileSync(join(dir, 'data', 'jwt-secret'), 'utf8')).toBe(first);
  });

  it('trusts no proxy by default; TRUST_PROXY takes addresses, CIDRs and loopback', () => {
    expect(loadConfig({}, tmp()).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'none' }, tmp()).trustProxy).toEqual([]);
    expect(
      loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::1, fd00::/8' }, tmp()).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1', 'fd00::/8']);
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.example', '1.2.3.4/8/1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }, tmp())).toThrow(/TRUST_PROXY/);
    }
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

  it('calls: the SFU by default, with the mesh limit and the SFU limit', () => {
    const { sfu, notices } = loadConfig({ NODE_ENV: 'test' }, tmp());
    expect(sfu).toMatchObject({
      policy: 'auto',
      meshMax: 4,
      maxParticipants: 25,
      janusUrls: [],
      janusEnabled: true,
      janusLocal: { bind: '127.0.0.1', wsPort: 0, rtpPorts: { min: 20000, max: 20999 } },
    });
    expect(notices).toEqual([]);
  });

  it('takes CALL_MAX_PEERS as the old name of CALL_MESH_MAX, with a notice', () => {
    const config = loadConfig({ NODE_ENV: 'test', CALL_MAX_PEERS: '3' }, tmp());
    expect(config.sfu.meshMax).toBe(3);
    expect(config.notices).toEqual([expect.stringContaining('CALL_MAX_PEERS is the old name')]);
    expect(loadConfig({ CALL_MAX_PEERS: '3', CALL_MESH_MAX: '5' }, tmp()).sfu.meshMax).toBe(5);
  });

  it('refuses bad SFU settings, every one listed', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          CALL_MEDIA: 'p2p',
          CALL_MESH_MAX: '8',
          CALL_MAX_PARTICIPANTS: '6',
          JANUS_URLS: 'http://janus:8088',
          JANUS_BIND: '0.0.0.0',
          JANUS_RTP_PORTS: '20000',
          JANUS_DISABLED: 'maybe',
        },
        tmp(),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'CALL_MEDIA',
      'CALL_MAX_PARTICIPANTS (6) must be at least CALL_MESH_MAX (8)',
      'JANUS_URLS: "http://janus:8088"',
      'JANUS_API_SECRET is required',
      'JANUS_BIND must be a loopback or private address',
      'JANUS_RTP_PORTS',
      'JANUS_DISABLED',
    ])
      expect(problems).toContain(name);
  });

  it('PUBLIC_URL: required in production, origins only, the dev server by default', () => {
    const secret = { JWT_SECRET: 'x'.repeat(20) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...secret }, tmp())).toThrow(/PUBLIC_URL/);
    const prod = loadConfig(
      {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://meet.example.org/, https://b.example',
        ...secret,
      },
      tmp(),
    );
    expect(prod.publicOrigins).toEqual(['https://meet.example.org', 'https://b.example']);
    expect(prod.allowOwnHost).toBe(false);
    expect(prod.apiDocs).toBe(false);
    for (const bad of ['meet.example.org', 'ftp://x.example', 'https://x.example/app', '*'])
      expect(() => loadConfig({ PUBLIC_URL: bad }, tmp())).toThrow(/PUBLIC_URL/);

    const dev = loadConfig({}, tmp());
    expect(dev.publicOrigins).toContain('http://localhost:5173');
    expect(dev.allowOwnHost).toBe(true);
    expect(dev.apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }, tmp()).apiDocs).toBe(false);
    expect(() => loadConfig({ API_DOCS: 'maybe' }, tmp())).toThrow(/API_DOCS/);

    expect(isOriginAllowed(prod, 'https://meet.example.org', 'meet.example.org')).toBe(true);
    expect(isOriginAllowed(prod, undefined, 'meet.example.org')).toBe(true);
    expect(isOriginAllowed(prod, 'https://evil.example', 'evil.example')).toBe(false);
    expect(isOriginAllowed(prod, 'null', 'meet.example.org')).toBe(false);
    expect(isOriginAllowed(dev, 'http://127.0.0.1:4000', '127.0.0.1:4000')).toBe(true);
    expect(isOriginAllowed(dev, 'http://localhost:5173', '127.0.0.1:3000')).toBe(true);
    expect(isOriginAllowed(dev, 'http://evil.example', '127.0.0.1:3000')).toBe(false);
  });

  it('says in one line at start that development defaults are on, and not in production', () => {
    const dev = loadConfig({}, tmp()).notices.filter((n) => n.startsWith('Development mode'));
    expect(dev).toHaveLength(1);
    expect(dev[0]).toMatch(/JWT secret generated.*cookies without Secure.*NODE_ENV=production/);
    const prod = loadConfig(
      {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://meet.example.org',
        JWT_SECRET: 'x'.repeat(32),
      },
      tmp(),
    );
    expect(prod.notices.some((n) => n.startsWith('Development mode'))).toBe(false);
  });

  it('has abuse limits with defaults, each settable, and refuses nonsense', () => {
    expect(loadConfig({}, tmp()).limits).toEqual({
      registrationsPerHour: 10,
      guestsPerHour: 30,
      roomsPerHour: 30,
      roomJoinsPerMinute: 30,
      roomsPerConnection: 20,
      historyPagesPerMinute: 60,
      socketsPerUser: 20,
      socketsPerAddress: 50,
    });
    expect(loadConfig({ LIMIT_ROOMS_PER_HOUR: '5' }, tmp()).limits.roomsPerHour).toBe(5);
    expect(loadConfig({ LIMIT_GUESTS_PER_HOUR: '3' }, tmp()).limits.guestsPerHour).toBe(3);
    expect(() => loadConfig({ LIMIT_HISTORY_PER_MINUTE: '0' }, tmp())).toThrow(
      /LIMIT_HISTORY_PER_MINUTE/,
    );
  });

  it('ADMIN_USERNAMES: usernames, compared case-insensitively; anything else refused at boot', () => {
    expect(loadConfig({}, tmp()).adminUsernames).toEqual([]);
    const config = loadConfig({ ADMIN_USERNAMES: ' Alice, bob.ops ,alice' }, tmp());
    expect(config.adminUsernames).toEqual(['alice', 'bob.ops']);
    expect(isAdminUsername(config, 'ALICE')).toBe(true);
    expect(isAdminUsername(config, 'carol')).toBe(false);
    for (const bad of ['al', 'eve@example.org', 'a b', 'x'.repeat(33)]) {
      expect(() => loadConfig({ ADMIN_USERNAMES: `alice,${bad}` }, tmp())).toThrow(ConfigError);
    }
  });

  it('METRICS_TOKEN: unset by default, at least 16 characters when set', () => {
    expect(loadConfig({}, tmp()).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 't'.repeat(16) }, tmp()).metricsToken).toBe('t'.repeat(16));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' }, tmp())).toThrow(/METRICS_TOKEN/);
  });
});
