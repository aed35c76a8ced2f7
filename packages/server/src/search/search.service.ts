import type { SearchResponse, SearchResult } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { MessagesService } from '../chat/messages.service';
import { withAttachmentMatches } from './attachment-matches';
import { buildSnippet, searchTerms } from './snippet';
import { SearchQueries, type Candidate, type SearchScope } from './search-queries';
import { SLICE_IDS, sliceOf, sliceWords } from './search-slices';
import { SearchStats } from './search-stats';
import { splitFrom, wordMatcher } from './word-match';

export interface SearchInput {
  q: string;
  roomId?: string;
  from?: string;
  after?: Date;
  before?: Date;
  cursor?: number;
  limit?: number;
}

const DEFAULT_LIMIT = 20;
/** Ids covered by the first window of the scan; each next window is twice as wide. */
const FIRST_WINDOW = 2_000;
const INDEX_BATCH = 100;
/** Rooms a slice lookup names at most (one token per room and word); beyond, the other plans. */
const MAX_SLICE_ROOMS = 64;

interface TermCount {
  term: string;
  docs: number;
}

/**
 * Message search. Each page is planned from what the newest messages show: it first reads the
 * newest messages of the searcher's rooms (newest first, through the room index) and word-matches
 * them, up to `searchScanRows` rows; words that are frequent in those rooms fill the page there,
 * at a cost set by the page size, not by the number of matches. Whatever is still missing then
 * comes from the database's full-text index (SQLite FTS5, InnoDB FULLTEXT), below the point the
 * scan reached, which is fast exactly when the words are rare. Both plans apply the same word
 * match, so the plan never changes the results. Before either, the term statistics
 * (`SearchStats`) are asked how many messages hold the query's rarest term: when at most
 * `searchIndexMaxDocs`, the page goes straight to the index with that term alone (the word match
 * checks the others), at a cost bounded by that term's messages; the scan would read many rows
 * for few matches.
 */
@Injectable()
export class SearchService {
  private readonly queries: SearchQueries;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessagesService,
    private readonly stats: SearchStats,
  ) {
    this.queries = new SearchQueries(db);
  }

  async search(userId: string, input: SearchInput): Promise<SearchResponse> {
    const { words, from } = splitFrom(input.q);
    const terms = searchTerms(words);
    if (terms.length === 0) throw AppError.validation({ q: ['q must contain at least one word'] });
    const rooms = await this.rooms(userId, input.roomId);
    const sender = input.from ?? from;
    const senderId = sender === undefined ? undefined : await this.userId(sender);
    if (rooms.size === 0 || senderId === null) return { items: [], nextCursor: null };

    const scope: SearchScope = {
      roomIds: [...rooms.keys()],
      senderId,
      after: input.after,
      before: input.before,
    };
    const limit = input.limit ?? DEFAULT_LIMIT;
    const found = await this.find(scope, terms, limit, input.cursor);
    const { hits, nextCursor } = await withAttachmentMatches(
      this.db,
      scope,
      terms,
      limit,
      input.cursor,
      found,
    );
    const byId = await this.messages.byIds(hits.map((h) => h.id));
    const items = hits.flatMap((hit): SearchResult[] => {
      const message = byId.get(hit.id);
      if (!message) return [];
      const room = { id: hit.roomId, name: rooms.get(hit.roomId) ?? '' };
      return [{ message, room, snippet: buildSnippet(message.content, terms) }];
    });
    return { items, nextCursor: nextCursor === null ? null : String(nextCursor) };
  }

  /** The newest `limit` matches below `cursor`, and the cursor of the next page. */
  private async find(
    scope: SearchScope,
    terms: string[],
    limit: number,
    cursor?: number,
  ): Promise<{ hits: Candidate[]; nextCursor: number | null }> {
    const matches = wordMatcher(terms);
    const want = limit + 1;
    const hits: Candidate[] = [];
    const take = (rows: Candidate[]): number => {
      for (const row of rows) if (hits.length < want && matches(row.content)) hits.push(row);
      return hits.length;
    };
    const page = (frontier: number) =>
      hits.length > limit
        ? { hits: hits.slice(0, limit), nextCursor: (hits[limit - 1] as Candidate).id }
        : { hits, nextCursor: frontier > 1 ? frontier : null };

    // Plan 0: a rare term (by the statistics) goes straight to the index.
    const indexable = this.queries.indexable(terms);
    const counts = await this.counts(indexable);
    const rarest = counts?.[0];
    const max = this.config.searchIndexMaxDocs;
    if (rarest !== undefined && max > 0 && rarest.docs <= max) {
      await this.fromIndex(scope, [rarest.term], cursor ?? Number.MAX_SAFE_INTEGER, take, want);
      return page(0);
    }

    let frontier = cursor ?? (await this.queries.maxId()) + 1;
    /** Plan 2, after any scan stopped at `below`: the full-text index for what is still missing. */
    const thenIndex = async (below: number) => {
      if (hits.length >= want || below <= 1) return page(0);
      if (indexable.length === 0) return page(below); // the index cannot help: go on scanning next page
      await this.fromIndex(scope, indexable, below, take, want);
      return page(0);
    };

    // Plan 1c (InnoDB, several words): the slice index, newest slice first; each lookup reads only
    // the searcher's rooms' lists of the words within one slice of ids.
    const scoped = this.queries.buildsWholeMatchLists ? sliceWords(terms) : [];
    if (scoped.length >= 2 && scope.roomIds.length <= MAX_SLICE_ROOMS) {
      return thenIndex(await this.fromSlices(scope, scoped, indexable, frontier, take, want));
    }

    // Plan 1b (InnoDB): the statistics expect a page of matches among the newest messages, but the
    // index would build whole match lists: a newest-first scan in which the database keeps only
    // the rows containing every term, over at most `searchFilteredScanIds` ids.
    if (this.filteredScan(counts, want, frontier)) {
      const last = Math.max(1, frontier - this.config.searchFilteredScanIds);
      const scanned = await this.filteredWindows(scope, indexable, frontier, last, take, want);
      return thenIndex(scanned.frontier);
    }

    // Plan 1: newest-first scan of the scope, in widening id windows, within a row budget.
    let budget = this.config.searchScanRows;
    for (let width = FIRST_WINDOW; budget > 0 && frontier > 1 && hits.length < want; width *= 2) {
      const lowest = Math.max(1, frontier - width);
      const rows = await this.queries.window(scope, lowest, frontier, budget);
      budget -= rows.length;
      take(rows);
      if (hits.length >= want) return page(0);
      frontier = rows.length > 0 && budget <= 0 ? (rows.at(-1) as Candidate).id : lowest;
    }
    return thenIndex(frontier);
  }

  /**
   * Plan 1b's scan: id windows from `frontier` down to `last`, newest first, in which the database
   * keeps only the rows containing every one of `contains`. Returns where it stopped and how many
   * hits `take` then held.
   */
  private async filteredWindows(
    scope: SearchScope,
    contains: string[],
    from: number,
    last: number,
    take: (rows: Candidate[]) => number,
    want: number,
  ): Promise<{ frontier: number; found: number }> {
    let frontier = from;
    let found = 0;
    for (let width = FIRST_WINDOW; frontier > last && found < want;) {
      const lowest = Math.max(last, frontier - width);
      const rows = await this.queries.window(scope, lowest, frontier, INDEX_BATCH, contains);
      found = take(rows);
      if (rows.length === INDEX_BATCH) frontier = (rows.at(-1) as Candidate).id;
      else [frontier, width] = [lowest, width * 2];
    }
    return { frontier, found };
  }

  /**
   * Plan 1c: the messages the slice index has not taken in yet (plan 1b's scan), then slice after
   * slice below them, down to `searchFilteredScanIds` ids below `from`. Returns where it stopped.
   */
  private async fromSlices(
    scope: SearchScope,
    words: string[],
    contains: string[],
    from: number,
    take: (rows: Candidate[]) => number,
    want: number,
  ): Promise<number> {
    const last = Math.max(1, from - this.config.searchFilteredScanIds);
    const covered = await this.queries.slicesCoveredBelow();
    let frontier = from;
    let found = 0;
    if (frontier > covered) {
      const below = Math.max(last, covered);
      ({ frontier, found } = await this.filteredWindows(
        scope,
        contains,
        frontier,
        below,
        take,
        want,
      ));
    }
    while (frontier > last && found < want) {
      const slice = sliceOf(frontier - 1);
      const rows = await this.queries.sliced(scope, words, slice, frontier, INDEX_BATCH);
      found = take(rows);
      frontier =
        rows.length === INDEX_BATCH
          ? (rows.at(-1) as Candidate).id
          : Math.max(last, slice * SLICE_IDS);
    }
    return frontier;
  }

  /** Index lookups below `below`, in batches, until `take` holds `want` hits or none are left. */
  private async fromIndex(
    scope: SearchScope,
    terms: string[],
    below: number,
    take: (rows: Candidate[]) => number,
    want: number,
  ): Promise<void> {
    for (let frontier = below; ;) {
      const rows = await this.queries.indexed(scope, terms, frontier, INDEX_BATCH);
      if (take(rows) >= want || rows.length < INDEX_BATCH) return;
      frontier = (rows.at(-1) as Candidate).id;
    }
  }

  /**
   * How many messages hold each indexable term, rarest first, when the statistics are current and
   * the index can look up at least one term; otherwise null.
   */
  private async counts(indexable: string[]): Promise<TermCount[] | null> {
    if (indexable.length === 0 || !this.stats.ready) return null;
    const counts: TermCount[] = [];
    for (const term of indexable) counts.push({ term, docs: await this.stats.docs(term) });
    return counts.sort((a, b) => a.docs - b.docs);
  }

  /**
   * Whether plan 1b fits: on an index that builds whole match lists (InnoDB), when the statistics
   * expect `want` matches (each term's share of all messages multiplied, taken twice over) within
   * `searchFilteredScanIds` messages.
   */
  private filteredScan(counts: TermCount[] | null, want: number, below: number): boolean {
    const max = this.config.searchFilteredScanIds;
    if (!this.queries.buildsWholeMatchLists || counts === null || max <= 0) return false;
    const total = Math.max(1, below - 1);
    const share = counts.reduce((p, c) => p * Math.min(1, c.docs / total), 1);
    return share > 0 && (2 * want) / share <= max;
  }

  /** The rooms the user may search (one, when `roomId` narrows it), with their names. */
  private async rooms(userId: string, roomId?: string): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT r.id, r.name FROM room_members rm JOIN rooms r ON r.id = rm.room_id
        WHERE rm.user_id = ?${roomId ? ' AND r.id = ?' : ''}`,
      roomId ? [userId, roomId] : [userId],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async userId(username: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      'SELECT id FROM users WHERE username_lower = ?',
      [username.toLowerCase()],
    );
    return rows[0]?.id ?? null;
  }
}
