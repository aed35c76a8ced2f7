import { describe, expect, it } from 'vitest';
import { isPolite, makesFirstOffer } from './polite';

describe('isPolite', () => {
  it('gives exactly one polite side per pair, the same on both ends', () => {
    const ids = ['a1', 'b2', 'peer-9', 'peer-10', 'Z', 'z'];
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        expect(isPolite(a, b)).not.toBe(isPolite(b, a));
      }
    }
  });

  it('makes the smaller peerId polite and the other side the first offerer', () => {
    expect(isPolite('aaa', 'bbb')).toBe(true);
    expect(makesFirstOffer('bbb', 'aaa')).toBe(true);
    expect(makesFirstOffer('aaa', 'bbb')).toBe(false);
  });

  it('refuses to negotiate with itself', () => {
    expect(() => isPolite('x', 'x')).toThrow();
  });
});
