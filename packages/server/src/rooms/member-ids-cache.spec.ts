import { describe, expect, it } from 'vitest';
import { MemberIdsCache } from './member-ids-cache';

describe('MemberIdsCache', () => {
  it('reads a room once per TTL, and again at once after forget', async () => {
    let now = 1_000;
    let reads = 0;
    const members = ['a', 'b'];
    const load = () => {
      reads++;
      return Promise.resolve([...members]);
    };
    const cache = new MemberIdsCache(10_000, () => now);
    expect(await cache.get('r1', load)).toEqual(['a', 'b']);
    members.push('c');
    expect(await cache.get('r1', load)).toEqual(['a', 'b']); // kept
    expect(reads).toBe(1);
    cache.forget('r1'); // a join or a removal
    expect(await cache.get('r1', load)).toEqual(['a', 'b', 'c']);
    members.pop();
    now += 10_001; // expired
    expect(await cache.get('r1', load)).toEqual(['a', 'b']);
    expect(reads).toBe(3);
  });
});
