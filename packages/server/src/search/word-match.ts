/** Lower case without diacritics, the way both full-text indexes compare words. */
export const foldText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The word match both search plans apply to a message: every term must start a word (the prefix
 * rule of the full-text queries), ignoring case and diacritics.
 */
export function wordMatcher(terms: string[]): (content: string) => boolean {
  const patterns = terms.map(
    (t) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(foldText(t))}`, 'u'),
  );
  return (content) => {
    const folded = foldText(content);
    return patterns.every((p) => p.test(folded));
  };
}

/** `from:name` inside a query names the sender; the rest are the words. */
export function splitFrom(query: string): { words: string; from?: string } {
  let from: string | undefined;
  const words = query.replace(/(?:^|\s)from:(\S+)/giu, (_all, name: string) => {
    from = name.replace(/^@/, '');
    return ' ';
  });
  return { words, from };
}
