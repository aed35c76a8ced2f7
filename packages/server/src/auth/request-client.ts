import { REFRESH_COOKIE_NAME } from '@minimeet/contract';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/config';
import type { AuthResult, LoginClient } from './auth.service';
import { DEVICE_TTL_SECONDS } from './token.service';
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

/** Sets the refresh and known-device cookies of a sign-in; returns the body to answer with. */
export function setAuthCookies(
  res: Response,
  result: AuthResult,
  config: Pick<AppConfig, 'env'>,
): AuthResult['body'] {
  const options = {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.env === 'production',
    path: AUTH_COOKIE_PATH,
  } as const;
  res.cookie(REFRESH_COOKIE_NAME, result.refresh.token, {
    ...options,
    expires: result.refresh.expiresAt,
  });
  res.cookie(DEVICE_COOKIE, result.device, { ...options, maxAge: DEVICE_TTL_SECONDS * 1000 });
  return result.body;
}
