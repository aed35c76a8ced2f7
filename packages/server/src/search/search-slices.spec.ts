import { describe, expect, it } from 'vitest';
import { SLICE_IDS, roomTag, sliceQuery, sliceTokens, sliceWords } from './search-slices';

describe('search slices', () => {
  const room = '3f1c2a90-5b7e-4d0f-9a63-2c8e1b7d4f10';

  it('scopes each distinct word to the slice and the room, folded and letters or digits only', () => {
    const tokens = sliceTokens(SLICE_IDS * 3 + 5, room, "Zébra's ZEBRA, foo_bar 42!").split(' ');
    const prefix = `0003${roomTag(room)}`;
    expect(tokens).toEqual(['zebra', 's', 'foo', 'bar', '42'].map((w) => prefix + w));
    expect(tokens.every((t) => /^[a-z0-9]+$/.test(t))).toBe(true);
  });

  it('gives every room a fixed-length tag, the same each time', () => {
    expect(roomTag(room)).toBe(roomTag(room));
    expect(roomTag(room)).toHaveLength(7);
    expect(roomTag('other')).not.toBe(roomTag(room));
  });

  it('asks for one of the rooms per word, as prefixes, with no query syntax from the user', () => {
    const words = sliceWords(['budg', 'a', '"+x-"', 'qu_arterly', 'Ünïcode']);
    expect(words).toEqual(['budg', 'arterly', 'unicode']);
    const query = sliceQuery(1, [room, 'r2'], ['budg', 'unicode']);
    const tags = [room, 'r2'].map((r) => `0001${roomTag(r)}`);
    expect(query).toBe(
      `+(${tags[0]}budg* ${tags[1]}budg*) +(${tags[0]}unicode* ${tags[1]}unicode*)`,
    );
  });
});
