import { describe, expect, it } from 'vitest';
import { msg } from '../test/fixtures';
import { mergeMessages, overlaps } from './mergePages';

describe('mergeMessages', () => {
  it('puts an older page before the current messages', () => {
    const current = [msg('c', 3), msg('d', 4)];
    const older = [msg('a', 1), msg('b', 2)];
    expect(mergeMessages(current, older).map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops duplicates by id when pages overlap', () => {
    const current = [msg('b', 2), msg('c', 3)];
    const page = [msg('a', 1), msg('b', 2), msg('c', 3)];
    expect(mergeMessages(current, page).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('drops a message with a known sender + clientMessageId (a retried send)', () => {
    const first = msg('x', 1, { clientMessageId: 'same', sender: { id: 'me', username: 'me' } });
    const retry = msg('y', 1, { clientMessageId: 'same', sender: { id: 'me', username: 'me' } });
    expect(mergeMessages([first], [retry])).toHaveLength(1);
  });

  it('keeps equal clientMessageIds from different senders', () => {
    const a = msg('x', 1, { clientMessageId: 'same', sender: { id: 'u1', username: 'u1' } });
    const b = msg('y', 2, { clientMessageId: 'same', sender: { id: 'u2', username: 'u2' } });
    expect(mergeMessages([a], [b])).toHaveLength(2);
  });

  it('returns the same array when nothing is new (no re-render)', () => {
    const current = [msg('a', 1)];
    expect(mergeMessages(current, [current[0]!])).toBe(current);
    expect(mergeMessages(current, [])).toBe(current);
  });

  it('sorts live messages that arrive out of order and breaks time ties by id', () => {
    const current = [msg('a', 1), msg('c', 5)];
    const merged = mergeMessages(current, [msg('b', 3), msg('e', 5), msg('d', 5)]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('does not mutate its inputs', () => {
    const current = [msg('b', 2)];
    const incoming = [msg('c', 3), msg('a', 1)];
    mergeMessages(current, incoming);
    expect(current.map((m) => m.id)).toEqual(['b']);
    expect(incoming.map((m) => m.id)).toEqual(['c', 'a']);
  });
});

describe('overlaps', () => {
  it('tells whether two lists share a message', () => {
    expect(overlaps([msg('a', 1)], [msg('a', 1), msg('b', 2)])).toBe(true);
    expect(overlaps([msg('a', 1)], [msg('b', 2)])).toBe(false);
  });
});
