import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { sliceTokens } from './search-slices';
import { foldText } from './word-match';

/** Log rows folded into the counts per transaction. */
const BATCH = 2_000;
/** How often the counts catch up with the log. */
const INTERVAL_MS = 1_000;
/** Terms a prefix may cover before it counts as frequent without adding them all up. */
const PREFIX_TERMS = 50;
/** Longest term kept (longer words count under their first 64 characters: still a prefix). */
const TERM_LENGTH = 64;

/** The words of a message as the statistics count them: folded, distinct. */
function statTerms(content: string): string[] {
  const words = foldText(content).match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words.map((w) => [...w].slice(0, TERM_LENGTH).join('')))];
}

/**
 * Term statistics of the message search: about how many messages hold each word
 * (`search_terms`), so a page can go straight to the full-text index when a term is rare. Triggers
 * log every content a message gains or loses (`search_term_log`, migration 1766900000000); this
 * folds the log into the counts in the background, in batches, and on InnoDB keeps the slice
 * index (`search_slices`, `search-slices.ts`) up to date from the same log. Several server processes may run
 * it: a batch counts only if its own DELETE of the log rows removed them all.
 */
@Injectable()
export class SearchStats implements OnModuleInit, OnModuleDestroy {
  private readonly sqlite: boolean;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** The log was empty at the last catch-up of this process: the counts are current. */
  private current = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sqlite = db.options.type === 'better-sqlite3';
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Whether the counts were caught up with every write at the last refresh. */
  get ready(): boolean {
    return this.current;
  }

  /** Folds the whole log into the counts (one refresh at a time per process). */
  refresh(): Promise<void> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * About how many messages hold a word starting with `term` (the prefix rule of the search);
   * Infinity when the prefix covers too many words to add up.
   */
  async docs(term: string): Promise<number> {
    const folded = foldText(term);
    const rows: { docs: number | string }[] = await this.db.query(
      `SELECT docs FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ${PREFIX_TERMS + 1}`,
      [folded, `${folded}\u{10FFFF}`],
    );
    if (rows.length > PREFIX_TERMS) return Infinity;
    return rows.reduce((sum, r) => sum + Math.max(0, Number(r.docs)), 0);
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows: LogRow[] = await this.db.query(
        `SELECT id, content, delta${this.sqlite ? '' : ', message_id, room_id'} FROM search_term_log ORDER BY id LIMIT ${BATCH}`,
      );
      if (rows.length === 0) {
        this.current = true;
        return;
      }
      if (rows.length === BATCH) this.current = false;
      const counts = new Map<string, number>();
      for (const row of rows)
        for (const term of statTerms(row.content))
          counts.set(term, (counts.get(term) ?? 0) + Number(row.delta));
      const last = Number((rows.at(-1) as { id: number | string }).id);
      const folded = await this.db
        .transaction(async (tx) => {
          const deleted = await tx
            .createQueryBuilder()
            .delete()
            .from('search_term_log')
            .where('id <= :last', { last })
            .execute();
          if (deleted.affected !== rows.length) throw new Lost(); // raced another process, or an older write committed late
          const entries = [...counts].filter(([, n]) => n !== 0);
          for (let i = 0; i < entries.length; i += 500) {
            const chunk = entries.slice(i, i + 500);
            await tx.query(
              `INSERT INTO search_terms (term, docs) VALUES ${chunk.map(() => '(?, ?)').join(', ')} ${
                this.sqlite
                  ? 'ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs'
                  : 'ON DUPLICATE KEY UPDATE docs = docs + VALUES(docs)'
              }`,
              chunk.flat(),
            );
          }
          if (!this.sqlite) await this.writeSlices(tx, rows);
          return true;
        })
        .catch((e: unknown) => {
          if (e instanceof Lost) return false; // another process folded these rows
          throw e;
        });
      if (!folded) continue;
    }
  }

  /**
   * Brings `search_slices` (InnoDB) up to date with the logged changes: each message's last logged
   * content is its content now (an insert, or the new side of an edit); a message whose last entry
   * is a loss was deleted.
   */
  private async writeSlices(tx: EntityManager, rows: LogRow[]): Promise<void> {
    const last = new Map<number, LogRow>();
    for (const row of rows) if (row.message_id != null) last.set(Number(row.message_id), row);
    const upserts: [number, string][] = [];
    const deletes: number[] = [];
    for (const [id, row] of last) {
      const terms =
        Number(row.delta) < 0 || row.room_id == null
          ? ''
          : sliceTokens(id, row.room_id, row.content);
      if (terms === '') deletes.push(id);
      else upserts.push([id, terms]);
    }
    for (let i = 0; i < upserts.length; i += 500) {
      const chunk = upserts.slice(i, i + 500);
      await tx.query(
        `INSERT INTO search_slices (message_id, terms) VALUES ${chunk.map(() => '(?, ?)').join(', ')} ON DUPLICATE KEY UPDATE terms = VALUES(terms)`,
        chunk.flat(),
      );
    }
    if (deletes.length > 0)
      await tx.query(
        `DELETE FROM search_slices WHERE message_id IN (${deletes.map(() => '?').join(', ')})`,
        deletes,
      );
  }
}

interface LogRow {
  id: number | string;
  content: string;
  delta: number | string;
  /** InnoDB only (migration 1767100000000); null for entries logged before it. */
  message_id?: number | string | null;
  room_id?: string | null;
}

class Lost extends Error {}
