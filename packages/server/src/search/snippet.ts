import type { SnippetPart } from '@minimeet/contract';

/** Words of a search query: letters, digits and underscores in any script, lower-cased, at most 8. */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)].slice(0, 8);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A window of `content` around the first matching word, cut into parts where every word that
 * starts with a search term is marked (the same prefix rule the full-text queries use).
 */
export function buildSnippet(content: string, terms: string[], radius = 80): SnippetPart[] {
  if (terms.length === 0) return [{ text: content.slice(0, radius * 2), match: false }];
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${terms.map(escapeRegExp).join('|')})[\\p{L}\\p{N}_]*`,
    'giu',
  );
  const first = pattern.exec(content);
  const center = first?.index ?? 0;
  let start = Math.max(0, center - radius);
  let end = Math.min(content.length, center + radius * 1.5);
  // Do not cut words in half.
  while (start > 0 && /\S/.test(content[start - 1] ?? '')) start--;
  while (end < content.length && /\S/.test(content[end] ?? '')) end++;
  const window = content.slice(start, end);

  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', match: false });
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
    if (m.index > last) parts.push({ text: window.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last), match: false });
  if (end < content.length) parts.push({ text: '…', match: false });
  return parts;
}
