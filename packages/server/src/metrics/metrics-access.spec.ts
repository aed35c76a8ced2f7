import { describe, expect, it } from 'vitest';
import { isPrivateAddress, tokenMatches } from './metrics-access';

describe('metrics access', () => {
  it('takes loopback and private addresses, IPv4-mapped ones too', () => {
    for (const a of [
      '127.0.0.1',
      '::1',
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.1',
      '::ffff:127.0.0.1',
      'fd00::1',
    ])
      expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '::ffff:1.2.3.4', '2001:db8::1', undefined, ''])
      expect(isPrivateAddress(a)).toBe(false);
  });

  it('wants exactly the bearer token', () => {
    const token = 'a-metrics-token-123';
    expect(tokenMatches(`Bearer ${token}`, token)).toBe(true);
    expect(tokenMatches(`bearer ${token}`, token)).toBe(true);
    expect(tokenMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(tokenMatches(token, token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });
});
