import type { DataSource } from 'typeorm';
import type { Candidate, SearchScope } from './search-queries';
import { foldText, wordMatcher } from './word-match';

/** What one page of the message search found: newest first, and where the next page starts. */
export interface FoundPage {
  hits: Candidate[];
  nextCursor: number | null;
}

const BATCH = 200;

interface Row {
  id: number | string;
  room_id: string;
  content: string;
  name_lower: string;
}

/**
 * Adds to a page of the message search the messages whose attachment's file name matches every
 * term (each term starting a word of the name, like words of the text). Only the id range that the
 * text search covered for this page is looked at, `[nextCursor, cursor)`, so pages neither repeat
 * nor skip a message; a page that then holds more than `limit` is cut, and its cursor moves up.
 * Names are kept folded (lower case, no diacritics) in `attachments.name_lower`.
 */
export async function withAttachmentMatches(
  db: DataSource,
  scope: SearchScope,
  terms: string[],
  limit: number,
  cursor: number | undefined,
  found: FoundPage,
): Promise<FoundPage> {
  const lowest = found.nextCursor ?? 0;
  const extra = await namedMatches(
    db,
    scope,
    terms,
    lowest,
    cursor ?? Number.MAX_SAFE_INTEGER,
    limit + 1,
  );
  if (extra.length === 0) return found;
  const byId = new Map<number, Candidate>();
  for (const hit of [...found.hits, ...extra]) byId.set(hit.id, hit);
  const merged = [...byId.values()].sort((a, b) => b.id - a.id);
  if (merged.length <= limit) return { hits: merged, nextCursor: found.nextCursor };
  const hits = merged.slice(0, limit);
  return { hits, nextCursor: (hits[limit - 1] as Candidate).id };
}

/** Up to `want` live messages of the scope, `from <= id < below`, with a matching file name. */
async function namedMatches(
  db: DataSource,
  scope: SearchScope,
  terms: string[],
  from: number,
  below: number,
  want: number,
): Promise<Candidate[]> {
  if (scope.roomIds.length === 0 || terms.length === 0) return [];
  const sqlite = db.options.type === 'better-sqlite3';
  const date = (d: Date): Date | string =>
    sqlite ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
  const clauses = [
    `a.room_id IN (${scope.roomIds.map(() => '?').join(', ')})`,
    'm.deleted_at IS NULL',
    ...terms.map(() => "a.name_lower LIKE ? ESCAPE '!'"),
  ];
  const params: unknown[] = [
    ...scope.roomIds,
    ...terms.map((t) => `%${foldText(t).replace(/[!%_]/g, '!$&')}%`),
  ];
  if (scope.senderId) {
    clauses.push('m.sender_id = ?');
    params.push(scope.senderId);
  }
  if (scope.after) {
    clauses.push('m.created_at > ?');
    params.push(date(scope.after));
  }
  if (scope.before) {
    clauses.push('m.created_at < ?');
    params.push(date(scope.before));
  }
  const matches = wordMatcher(terms);
  const out = new Map<number, Candidate>();
  let top = below;
  for (;;) {
    const rows: Row[] = await db.query(
      `SELECT m.id, m.room_id, m.content, a.name_lower FROM attachments a
        JOIN messages m ON m.id = a.message_id
        WHERE m.id >= ? AND m.id < ? AND ${clauses.join(' AND ')}
        ORDER BY m.id DESC LIMIT ${BATCH}`,
      [from, top, ...params],
    );
    for (const row of rows) {
      const id = Number(row.id);
      if (out.size < want && !out.has(id) && matches(row.name_lower))
        out.set(id, { id, roomId: row.room_id, content: row.content });
    }
    const last = rows.at(-1);
    if (out.size >= want || rows.length < BATCH || !last) break;
    // The last message may have more attachments past this batch: read from it again.
    top = Number(last.id) + (Number(last.id) === Number(rows[0]?.id) ? 0 : 1);
    if (top <= from) break;
  }
  return [...out.values()];
}
