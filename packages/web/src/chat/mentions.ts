import type { PublicUser } from '@minimeet/contract';

/** At most this many suggestions are listed. */
const MAX_SUGGESTIONS = 8;
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** The `@name` being typed at the caret: where its `@` is and the letters after it. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** The mention being typed just before `caret`, or null (an `@` inside a word is no mention). */
export function activeMention(text: string, caret: number): MentionQuery | null {
  let i = caret;
  while (i > 0 && NAME_CHAR.test(text[i - 1] ?? '')) i -= 1;
  if (text[i - 1] !== '@') return null;
  const start = i - 1;
  const before = text[start - 1];
  if (before !== undefined && (NAME_CHAR.test(before) || before === '@')) return null;
  const query = text.slice(i, caret);
  return query.length <= 32 ? { start, query } : null;
}

/** Members whose name starts with the query first, then those containing it; by name. */
export function matchMembers(
  members: readonly PublicUser[],
  query: string,
  selfId: string | null,
): PublicUser[] {
  const q = query.toLowerCase();
  const scored = members
    .filter((m) => m.id !== selfId)
    .map((m) => ({ m, at: m.username.toLowerCase().indexOf(q) }))
    .filter((s) => s.at >= 0)
    .sort(
      (a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.m.username.localeCompare(b.m.username),
    );
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.m);
}

/** The text with the mention being typed replaced by `@username `, and where the caret goes. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return {
    text: text.slice(0, mention.start) + inserted + rest,
    caret: mention.start + inserted.length,
  };
}

export interface TextPart {
  text: string;
  /** This part is `@you`. */
  self: boolean;
}

/** Splits a message so `@you` (any case, as a whole name) can be highlighted. */
export function splitSelfMentions(content: string, username: string | null): TextPart[] {
  if (!username) return [{ text: content, self: false }];
  const escaped = username.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.@-])(@${escaped})(?![A-Za-z0-9_])`, 'gi');
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of content.matchAll(pattern)) {
    const at = (match.index ?? 0) + (match[1] ?? '').length;
    if (at > last) parts.push({ text: content.slice(last, at), self: false });
    parts.push({ text: match[2] ?? '', self: true });
    last = at + (match[2] ?? '').length;
  }
  if (last < content.length) parts.push({ text: content.slice(last), self: false });
  return parts;
}
