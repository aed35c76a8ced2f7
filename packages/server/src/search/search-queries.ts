import type { DataSource } from 'typeorm';
import { sliceQuery } from './search-slices';

/** Where a search looks: the rooms, sender and dates it is narrowed to. */
export interface SearchScope {
  roomIds: string[];
  senderId?: string;
  after?: Date;
  before?: Date;
}

export interface Candidate {
  id: number;
  roomId: string;
  content: string;
}

interface Row {
  id: number | string;
  room_id: string;
  content: string;
}

/** Words InnoDB's full-text index does not hold (its default stopword list, and words under 3 letters). */
const INNODB_STOPWORDS = new Set(
  'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(
    ' ',
  ),
);

/**
 * The two candidate sources of a search, in each database's dialect. Both return live messages of
 * the scope with id below `below`, newest first; the service applies the word match.
 */
export class SearchQueries {
  private readonly sqlite: boolean;

  constructor(private readonly db: DataSource) {
    this.sqlite = db.options.type === 'better-sqlite3';
  }

  async maxId(): Promise<number> {
    const rows: { id: number | string | null }[] = await this.db.query(
      'SELECT MAX(id) AS id FROM messages',
    );
    return Number(rows[0]?.id ?? 0);
  }

  /**
   * Messages with `from <= id < below`: the room index's ranges, read newest first. With
   * `contains`, only messages whose content contains each of those strings (LIKE, in the column's
   * case- and accent-insensitive collation: a superset of the word match) leave the database.
   */
  async window(
    scope: SearchScope,
    from: number,
    below: number,
    limit: number,
    contains: string[] = [],
  ): Promise<Candidate[]> {
    const [where, params] = this.filters(scope, 'm');
    const like = contains.map(() => ' AND m.content LIKE ?').join('');
    return this.run(
      `SELECT m.id, m.room_id, m.content FROM messages m
        WHERE m.id >= ? AND m.id < ? AND ${where}${like}
        ORDER BY m.id DESC LIMIT ${limit}`,
      [from, below, ...params, ...contains.map((t) => `%${t.replace(/[\\%_]/g, '\\$&')}%`)],
    );
  }

  /** The terms the full-text index can look up; empty when it can look up none of them. */
  indexable(terms: string[]): string[] {
    if (this.sqlite) return terms;
    return terms.filter((t) => [...t].length >= 3 && !INNODB_STOPWORDS.has(t));
  }

  /** Messages whose words start with every one of `terms`, through the full-text index. */
  async indexed(
    scope: SearchScope,
    terms: string[],
    below: number,
    limit: number,
  ): Promise<Candidate[]> {
    const [where, params] = this.filters(scope, 'm');
    if (this.sqlite) {
      // Each term as a quoted prefix query: no FTS5 syntax from the user reaches the engine.
      const match = terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
      return this.run(
        `SELECT m.id, m.room_id, m.content FROM messages_fts f JOIN messages m ON m.id = f.rowid
          WHERE messages_fts MATCH ? AND f.rowid < ? AND ${where}
          ORDER BY f.rowid DESC LIMIT ${limit}`,
        [match, below, ...params],
      );
    }
    const match = terms.map((t) => `+${t.replace(/[^\p{L}\p{N}_]/gu, '')}*`).join(' ');
    return this.run(
      `SELECT m.id, m.room_id, m.content FROM messages m
        WHERE MATCH(m.content) AGAINST (? IN BOOLEAN MODE) AND m.id < ? AND ${where}
        ORDER BY m.id DESC LIMIT ${limit}`,
      [match, below, ...params],
    );
  }

  /**
   * InnoDB: the slice index (`search_slices`) holds every message with an id below this; the
   * newer ones are still in the log, on their way in (`SearchStats`).
   */
  async slicesCoveredBelow(): Promise<number> {
    const rows: { id: number | string | null }[] = await this.db.query(
      'SELECT MIN(message_id) AS id FROM search_term_log WHERE inserted = 1',
    );
    const pending = rows[0]?.id;
    return pending == null ? (await this.maxId()) + 1 : Number(pending);
  }

  /**
   * InnoDB: messages of one slice below `below` with a word starting with each of `words`, through
   * the slice index: only the searcher's rooms' lists of those words in that slice are read.
   */
  async sliced(
    scope: SearchScope,
    words: string[],
    slice: number,
    below: number,
    limit: number,
  ): Promise<Candidate[]> {
    const [where, params] = this.filters(scope, 'm');
    return this.run(
      `SELECT m.id, m.room_id, m.content FROM search_slices s JOIN messages m ON m.id = s.message_id
        WHERE MATCH(s.terms) AGAINST (? IN BOOLEAN MODE) AND s.message_id < ? AND ${where}
        ORDER BY s.message_id DESC LIMIT ${limit}`,
      [sliceQuery(slice, scope.roomIds, words), below, ...params],
    );
  }

  /**
   * Whether the full-text index builds every match of each term before it intersects or limits
   * (InnoDB): a conjunction of frequent terms then costs their whole match lists. FTS5 walks its
   * doclists in order and stops at the limit.
   */
  get buildsWholeMatchLists(): boolean {
    return !this.sqlite;
  }

  private filters(scope: SearchScope, m: string): [string, unknown[]] {
    const clauses = [
      `${m}.room_id IN (${scope.roomIds.map(() => '?').join(', ')})`,
      `${m}.deleted_at IS NULL`,
    ];
    const params: unknown[] = [...scope.roomIds];
    if (scope.senderId) {
      clauses.push(`${m}.sender_id = ?`);
      params.push(scope.senderId);
    }
    if (scope.after) {
      clauses.push(`${m}.created_at > ?`);
      params.push(this.date(scope.after));
    }
    if (scope.before) {
      clauses.push(`${m}.created_at < ?`);
      params.push(this.date(scope.before));
    }
    return [clauses.join(' AND '), params];
  }

  /** SQLite holds datetimes as TypeORM writes them: 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
  private date(d: Date): Date | string {
    return this.sqlite ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
  }

  private async run(sql: string, params: unknown[]): Promise<Candidate[]> {
    const rows: Row[] = await this.db.query(sql, params);
    return rows.map((r) => ({ id: Number(r.id), roomId: r.room_id, content: r.content }));
  }
}
