import { foldText } from './word-match';

/**
 * Slice- and room-scoped words for InnoDB's full-text index (`search_slices`, migration
 * 1767100000000). Each word of a message is indexed as one token: the message's slice of ids, its
 * room's tag, then the folded word, e.g. `0007` + `0a1b2c3` + `beco`. A query for several words in
 * the searcher's rooms then reads, for one slice, only those rooms' lists of those words: their
 * length is bounded by the slice, not by the table, so a page costs the same at a million messages
 * as at ten million. Tokens are lower-case letters and digits only (InnoDB folds what it indexes,
 * and splits on anything else).
 */

/** Message ids per slice. Part of the stored tokens: changing it means rebuilding `search_slices`. */
export const SLICE_IDS = 131_072;
/** Longest word kept (a longer one is indexed under its first 64 characters: still a prefix). */
const WORD_LENGTH = 64;
/** Shortest query word looked up in the slices (shorter prefixes would expand to too many words). */
const MIN_QUERY_WORD = 3;

export const sliceOf = (messageId: number): number => Math.floor(messageId / SLICE_IDS);

const sliceTag = (slice: number): string => slice.toString(36).padStart(4, '0');

/** A short, stable tag of a room id (FNV-1a): rooms that share one only widen the candidates. */
export function roomTag(roomId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < roomId.length; i++) {
    hash ^= roomId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/** The runs of letters and digits of a text, folded the way the word match folds them. */
const words = (text: string): string[] =>
  (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => [...w].slice(0, WORD_LENGTH).join(''));

/** What `search_slices.terms` holds for a message: its distinct words, scoped. */
export function sliceTokens(messageId: number, roomId: string, content: string): string {
  const prefix = sliceTag(sliceOf(messageId)) + roomTag(roomId);
  return [...new Set(words(content))].map((w) => prefix + w).join(' ');
}

/** The query words a slice lookup can use: every letter-and-digit run of at least 3 characters. */
export function sliceWords(terms: string[]): string[] {
  return [...new Set(terms.flatMap(words))].filter((w) => [...w].length >= MIN_QUERY_WORD);
}

/**
 * A boolean-mode query for messages of `slice` in any of `roomIds` with a word starting with each
 * of `queryWords` (from `sliceWords`: no operator can reach the engine).
 */
export function sliceQuery(slice: number, roomIds: string[], queryWords: string[]): string {
  const tags = [...new Set(roomIds.map(roomTag))].map((tag) => sliceTag(slice) + tag);
  return queryWords.map((w) => `+(${tags.map((t) => `${t}${w}*`).join(' ')})`).join(' ');
}
