import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IceServersService } from './ice-servers.service';
import { turnCredentials } from './turn-credentials';

describe('turnCredentials', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0, 750); // 1735732800.75 s

  it('builds `<unix expiry>:<user id>` with the expiry rounded down to whole seconds', () => {
    const sut = turnCredentials('s3cret', 'user-1', 3600, now);
    expect(sut.expiresAt).toBe(1735732800 + 3600);
    expect(sut.username).toBe('1735736400:user-1');
  });

  it('signs the username with base64(HMAC-SHA1(secret, username)), as coturn checks it', () => {
    const sut = turnCredentials('s3cret', 'user-1', 3600, now);
    expect(sut.credential).toBe(
      createHmac('sha1', 's3cret').update('1735736400:user-1').digest('base64'),
    );
    // Known answer, computed once with `printf %s '1735736400:user-1' | openssl dgst -sha1 -hmac s3cret -binary | base64`.
    expect(sut.credential).toBe(KNOWN_ANSWER);
  });

  it('changes with the secret and the user', () => {
    const base = turnCredentials('s3cret', 'user-1', 60, now).credential;
    expect(turnCredentials('other', 'user-1', 60, now).credential).not.toBe(base);
    expect(turnCredentials('s3cret', 'user-2', 60, now).credential).not.toBe(base);
  });
});

describe('IceServersService', () => {
  const turn = { urls: [] as string[], secret: null as string | null, ttlSeconds: 600 };

  it('returns nothing when nothing is configured (no public fallback)', () => {
    const sut = new IceServersService({ stunUrls: [], turn });
    expect(sut.forUser('u')).toEqual({ iceServers: [], ttl: 0 });
  });

  it('lists STUN URLs as plain entries and TURN with credentials and ttl', () => {
    const sut = new IceServersService({
      stunUrls: ['stun:a.example:3478', 'stun:b.example:3478'],
      turn: { urls: ['turn:t.example:3478', 'turns:t.example:5349'], secret: 'k', ttlSeconds: 600 },
    });
    const res = sut.forUser('u', 1_700_000_000_000);
    expect(res.ttl).toBe(600);
    expect(res.iceServers.slice(0, 2)).toEqual([
      { urls: 'stun:a.example:3478' },
      { urls: 'stun:b.example:3478' },
    ]);
    expect(res.iceServers[2]).toEqual({
      urls: ['turn:t.example:3478', 'turns:t.example:5349'],
      ...pick(turnCredentials('k', 'u', 600, 1_700_000_000_000)),
    });
  });
});

const pick = ({ username, credential }: { username: string; credential: string }) => ({
  username,
  credential,
});
const KNOWN_ANSWER = 'FIOAzZGnN5dFOPd/A9/1MBjP8CU=';
