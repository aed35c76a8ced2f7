import { describe, expect, it } from 'vitest';
import { buildSnippet, searchTerms } from './snippet';

describe('searchTerms', () => {
  it('keeps words in any script, lower-cased, without duplicates or syntax', () => {
    expect(searchTerms('Roadmap "OR" roadmap* -(Café) 東京')).toEqual([
      'roadmap',
      'or',
      'café',
      '東京',
    ]);
    expect(searchTerms('!!! ***')).toEqual([]);
  });
});

describe('buildSnippet', () => {
  it('marks every word starting with a term and keeps the rest as plain text', () => {
    const parts = buildSnippet('Roadmaps and the roadmap', ['roadmap']);
    expect(parts).toEqual([
      { text: 'Roadmaps', match: true },
      { text: ' and the ', match: false },
      { text: 'roadmap', match: true },
    ]);
  });

  it('does not match inside a word', () => {
    expect(buildSnippet('unroadmapped', ['roadmap']).some((p) => p.match)).toBe(false);
  });

  it('cuts a window around the first match at word boundaries with ellipses', () => {
    const content = `${'lorem ipsum '.repeat(30)}needle ${'dolor sit '.repeat(40)}`;
    const parts = buildSnippet(content, ['needle'], 30);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.at(-1)).toEqual({ text: '…', match: false });
    const text = parts.map((p) => p.text).join('');
    expect(text.length).toBeLessThan(120);
    expect(text).toMatch(/^…\w/);
    expect(parts.find((p) => p.match)?.text).toBe('needle');
  });

  it('treats regex characters in terms literally', () => {
    expect(buildSnippet('aab axb', ['a.b']).some((p) => p.match)).toBe(false);
  });
});
