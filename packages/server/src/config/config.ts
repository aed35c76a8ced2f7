import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  DEV_SERVER_ORIGINS,
  parseAdminUsernames,
  parsePublicUrl,
  parseTrustProxy,
} from './access-config';
import { parseAttachments, type AttachmentsConfig } from './attachments-config';
import { parseLimits, type AbuseLimits } from './limits-config';
import { parseOverload, type OverloadConfig } from './overload-config';
import { parseSfuConfig, type SfuConfig } from './sfu-config';

export type NodeEnv = 'development' | 'production' | 'test';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | {
      type: 'mysql' | 'mariadb';
      url: string;
      database: string;
      /**
       * A statement that has not answered after this long fails (DB_QUERY_TIMEOUT_MS): a hung
       * database turns into UNAVAILABLE instead of holding requests.
       */
      queryTimeoutMs: number;
      /** Opening a connection fails after this long (DB_CONNECT_TIMEOUT_MS). */
      connectTimeoutMs: number;
    };

export interface TurnConfig {
  urls: string[];
  secret: string | null;
  ttlSeconds: number;
}

export interface AppConfig {
  env: NodeEnv;
  host: string;
  port: number;
  /**
   * Proxies whose X-Forwarded-For is believed (Express 'trust proxy'): addresses, CIDRs or the
   * names loopback, linklocal, uniquelocal. Empty: none, the client is the TCP peer.
   */
  trustProxy: string[];
  dataDir: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  /** Prefix for every Redis key and channel this app uses. */
  redisPrefix: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Built web client to serve, or null to serve only the API. */
  webDistDir: string | null;
  /** How long a presence entry lives without a heartbeat (multi-process mode). */
  presenceTtlMs: number;
  /** Calls: the mesh limit, the SFU (Janus) and the transport policy. */
  sfu: SfuConfig;
  /** Limits on registration, room creation, joins and history (docs/SECURITY.md). */
  limits: AbuseLimits;
  /** Load shedding of chat writes under overload (config/overload-config.ts). */
  overload: OverloadConfig;
  /** Grace period before a dropped socket leaves its call. */
  callGraceMs: number;
  stunUrls: string[];
  turn: TurnConfig;
  /**
   * Origins browsers may use the API and the realtime connection from (PUBLIC_URL), e.g.
   * `https://meet.example.org`. Requests without an Origin header (servers, tests) are not affected.
   */
  publicOrigins: string[];
  /**
   * Without PUBLIC_URL (development and test only): a page served by this server itself (its Origin
   * names the Host it asked) is allowed too, whatever interface or port it came through.
   */
  allowOwnHost: boolean;
  /** Serve the API docs page at /api/docs (API_DOCS; off by default in production). */
  apiDocs: boolean;
  /** Lower-cased usernames of the server's administrators (ADMIN_USERNAMES). */
  adminUsernames: string[];
  /** Bearer token GET /metrics requires (METRICS_TOKEN); null: loopback and private addresses only. */
  metricsToken: string | null;
  /** Days per-sample call quality is kept (QUALITY_RETENTION_DAYS). */
  qualityRetentionDays: number;
  /**
   * Search: how many of the newest messages of the searcher's rooms are read and word-matched
   * before the full-text index takes over (SEARCH_SCAN_ROWS; 0 = always the index).
   */
  searchScanRows: number;
  /** Chat attachments: size limit, per-user quota, storage folder (config/attachments-config.ts). */
  attachments: AttachmentsConfig;
  /**
   * Search: a query whose rarest term is held by at most this many messages (by the term
   * statistics) goes straight to the full-text index (SEARCH_INDEX_MAX_DOCS; 0 = never).
   */
  searchIndexMaxDocs: number;
  /**
   * Search, InnoDB: how far back (in ids) the plans for frequent words go before the full-text
   * index takes over: the slice index for several words, and, when the term statistics expect a
   * page of matches within this many of the newest messages, a scan the database filters by the
   * terms (SEARCH_FILTERED_SCAN_IDS; 0 = neither).
   */
  searchFilteredScanIds: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logJson: boolean;
  /** Settings that work but should change (old names): logged once at start. */
  notices: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Reads and validates the environment once. Throws ConfigError listing every bad value. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const list = (name: string): string[] =>
    (str(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);

  const rawEnv = str('NODE_ENV') ?? 'development';
  let nodeEnv: NodeEnv = 'development';
  if (rawEnv === 'development' || rawEnv === 'production' || rawEnv === 'test') nodeEnv = rawEnv;
  else problems.push(`NODE_ENV must be development, production or test (got "${rawEnv}")`);

  const dataDir = resolve(cwd, str('DATA_DIR') ?? 'data');
  const parsedDatabase = parseDatabaseUrl(str('DATABASE_URL'), dataDir, cwd, problems);
  const database: DatabaseConfig =
    parsedDatabase.type === 'sqlite'
      ? parsedDatabase
      : {
          ...parsedDatabase,
          queryTimeoutMs: int('DB_QUERY_TIMEOUT_MS', 5_000, 100, 600_000),
          connectTimeoutMs: int('DB_CONNECT_TIMEOUT_MS', 3_000, 100, 60_000),
        };

  const redisUrl = str('REDIS_URL') ?? null;
  if (redisUrl !== null && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push(`REDIS_URL must look like redis://host:port (got "${redisUrl}")`);
  }

  const jwtSecret = str('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 16) {
    problems.push('JWT_SECRET must be at least 16 characters');
  }
  if (jwtSecret === undefined && nodeEnv === 'production') {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }

  const turnUrls = list('TURN_URLS');
  const turnSecret = str('TURN_SECRET') ?? null;
  if (turnUrls.length > 0 && turnSecret === null) {
    problems.push('TURN_SECRET is required when TURN_URLS is set');
  }
  for (const url of [...turnUrls, ...list('STUN_URLS')]) {
    if (!/^(stun|stuns|turn|turns):/.test(url)) problems.push(`"${url}" is not a stun:/turn: URL`);
  }

  const logLevel = str('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'log');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const trustProxy = parseTrustProxy(list('TRUST_PROXY'), problems);

  const publicOrigins = parsePublicUrl(list('PUBLIC_URL'), problems);
  if (publicOrigins.length === 0 && nodeEnv === 'production') {
    problems.push(
      'PUBLIC_URL is required when NODE_ENV=production (the origin people open, e.g. https://meet.example.org)',
    );
  }
  const apiDocs = bool('API_DOCS', nodeEnv !== 'production');

  const adminUsernames = parseAdminUsernames(list('ADMIN_USERNAMES'), problems);
  const metricsToken = str('METRICS_TOKEN') ?? null;
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    problems.push('METRICS_TOKEN must be at least 16 characters without spaces');
  }

  const notices: string[] = [];
  const sfu = parseSfuConfig({ str, int, list, problems, notices });

  const webDist = str('WEB_DIST_DIR');
  const config: AppConfig = {
    env: nodeEnv,
    host: str('HOST') ?? '0.0.0.0',
    port: int('PORT', 3000, 0, 65535),
    trustProxy,
    dataDir,
    database,
    redisUrl,
    redisPrefix: str('REDIS_PREFIX') ?? 'minimeet:',
    jwtSecret: '',
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL', 900, 10, 86_400),
    refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL', 30 * 86_400, 60, 365 * 86_400),
    webDistDir:
      webDist === 'none'
        ? null
        : resolve(cwd, webDist ?? defaultWebDist(cwd) ?? 'packages/web/dist'),
    presenceTtlMs: int('PRESENCE_TTL_MS', 30_000, 1_000, 600_000),
    sfu,
    limits: parseLimits({ int }),
    overload: parseOverload({ int, test: nodeEnv === 'test' }),
    callGraceMs: int('CALL_GRACE_MS', 5_000, 0, 120_000),
    stunUrls: list('STUN_URLS'),
    turn: { urls: turnUrls, secret: turnSecret, ttlSeconds: int('TURN_TTL', 3600, 60, 86_400) },
    // Development and test: the Vite dev server besides the server's own origin.
    publicOrigins: publicOrigins.length > 0 ? publicOrigins : [...DEV_SERVER_ORIGINS],
    allowOwnHost: publicOrigins.length === 0,
    apiDocs,
    adminUsernames,
    metricsToken,
    qualityRetentionDays: int('QUALITY_RETENTION_DAYS', 30, 1, 3650),
    searchScanRows: int('SEARCH_SCAN_ROWS', 4000, 0, 10_000_000),
    attachments: parseAttachments({ int, problems, dataDir }),
    searchIndexMaxDocs: int('SEARCH_INDEX_MAX_DOCS', 2000, 0, 100_000_000),
    searchFilteredScanIds: int('SEARCH_FILTERED_SCAN_IDS', 500_000, 0, 100_000_000),
    logLevel: logLevel as AppConfig['logLevel'],
    logJson: (str('LOG_FORMAT') ?? (nodeEnv === 'production' ? 'json' : 'text')) === 'json',
    notices,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  config.jwtSecret = jwtSecret ?? developmentSecret(dataDir);
  if (nodeEnv === 'development') {
    const secret = jwtSecret === undefined ? `JWT secret generated in ${dataDir}, ` : '';
    notices.push(
      `Development mode (NODE_ENV unset): ${secret}cookies without Secure, API docs on; for a public server set NODE_ENV=production, PUBLIC_URL and JWT_SECRET`,
    );
  }
  return config;
}

type ParsedDatabaseUrl =
  { type: 'sqlite'; path: string } | { type: 'mysql' | 'mariadb'; url: string; database: string };

function parseDatabaseUrl(
  raw: string | undefined,
  dataDir: string,
  cwd: string,
  problems: string[],
): ParsedDatabaseUrl {
  if (raw === undefined) return { type: 'sqlite', path: join(dataDir, 'minimeet.sqlite') };
  if (raw.startsWith('mysql://') || raw.startsWith('mariadb://')) {
    try {
      const url = new URL(raw.replace(/^mariadb:/, 'mysql:'));
      const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
      if (!url.hostname || !database) throw new Error('missing host or database');
      return {
        type: raw.startsWith('mariadb:') ? 'mariadb' : 'mysql',
        url: url.toString(),
        database,
      };
    } catch {
      problems.push(
        'DATABASE_URL must look like mysql://user:pass@host:3306/dbname (or mariadb://...)',
      );
      return { type: 'sqlite', path: ':memory:' };
    }
  }
  if (raw === ':memory:' || raw === 'sqlite::memory:') return { type: 'sqlite', path: ':memory:' };
  const path = raw.replace(/^sqlite:(\/\/)?/, '');
  if (/^[a-z]+:\/\//i.test(raw) && !raw.startsWith('sqlite:')) {
    problems.push(`DATABASE_URL scheme not supported (use mysql:// or a SQLite path): "${raw}"`);
  }
  return { type: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

function defaultWebDist(cwd: string): string | undefined {
  const candidates = [join(cwd, 'packages/web/dist'), join(cwd, '../web/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/** In development a secret is generated once and kept in the data folder so restarts keep sessions. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
