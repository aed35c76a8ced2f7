/** Who may reach the server: allowed origins (PUBLIC_URL), administrators, trusted proxies. */
import { USERNAME_PATTERN } from '@minimeet/contract';
import { isIP } from 'node:net';
import type { AppConfig } from './config';

/** The Vite dev server (packages/web), allowed by default outside production. */
export const DEV_SERVER_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

/** PUBLIC_URL: comma-separated http(s) origins (a trailing slash is fine, a path is not). */
export function parsePublicUrl(entries: string[], problems: string[]): string[] {
  const origins: string[] = [];
  for (const entry of entries) {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    if (
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.pathname !== '/' ||
      url.search ||
      url.hash ||
      url.username ||
      url.password
    ) {
      problems.push(
        `PUBLIC_URL must be a comma-separated list of origins such as https://meet.example.org (got "${entry}")`,
      );
      continue;
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/**
 * Whether a browser request from `origin` may use the API or open the realtime connection.
 * No Origin header (server-to-server, tests): allowed; the browser always sends one cross-origin.
 */
export function isOriginAllowed(
  config: Pick<AppConfig, 'publicOrigins' | 'allowOwnHost'>,
  origin: string | undefined,
  host: string | undefined,
): boolean {
  if (origin === undefined) return true;
  if (config.publicOrigins.includes(origin)) return true;
  if (!config.allowOwnHost || !host) return false;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase()
    );
  } catch {
    return false;
  }
}

/** ADMIN_USERNAMES: comma-separated usernames (as accounts are named), compared case-insensitively. */
export function parseAdminUsernames(entries: string[], problems: string[]): string[] {
  const names: string[] = [];
  for (const entry of entries) {
    if (!USERNAME_PATTERN.test(entry)) {
      problems.push(
        `ADMIN_USERNAMES must be a comma-separated list of usernames (3-32 letters, digits, _ . -), got "${entry}"`,
      );
      continue;
    }
    const lower = entry.toLowerCase();
    if (!names.includes(lower)) names.push(lower);
  }
  return names;
}

/** Whether the user of that username is one of the server's administrators. */
export function isAdminUsername(
  config: Pick<AppConfig, 'adminUsernames'>,
  username: string,
): boolean {
  return config.adminUsernames.includes(username.toLowerCase());
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: "none" (default) or a list of proxy addresses, CIDRs and Express's names. */
export function parseTrustProxy(entries: string[], problems: string[]): string[] {
  if (entries.length === 1 && entries[0]?.toLowerCase() === 'none') return [];
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (PROXY_NAMES.includes(entry) || (family !== 0 && prefixOk && rest.length === 0)) continue;
    problems.push(
      `TRUST_PROXY must be none or a list of proxy addresses, CIDRs, ${PROXY_NAMES.join(', ')} (got "${entry}")`,
    );
  }
  return entries;
}
