import type { Request } from 'express';
import type { LoginClient } from './auth.service';
import type { SessionClient } from './session-store';

/** The refresh and device cookies go only to the auth endpoints. */
export const AUTH_COOKIE_PATH = '/api/auth';

/** The known-device cookie: this browser signed in to that account before (see LoginThrottle). */
export const DEVICE_COOKIE = 'mm_device';

export function readCookie(req: Request, name: string): string | undefined {
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  const value = cookies?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Where a request comes from. req.ip honours X-Forwarded-For only from TRUST_PROXY (app.factory.ts). */
export function sessionClient(req: Request): SessionClient {
  return { address: req.ip ?? 'unknown', userAgent: req.headers['user-agent'] };
}

/** The same, with the known-device cookie the login limits look at. */
export function loginClient(req: Request): LoginClient {
  return { ...sessionClient(req), deviceToken: readCookie(req, DEVICE_COOKIE) };
}
