import type { SearchResult } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { MessagesService } from '../chat/messages.service';
import { buildSnippet, searchTerms } from './snippet';

const RESULT_LIMIT = 50;

interface Hit {
  id: number | string;
  room_id: string;
  room_name: string;
}

/** Message search through the database's own full-text index (SQLite FTS5, MySQL/MariaDB FULLTEXT). */
@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessagesService,
  ) {}

  async search(userId: string, query: string, roomId?: string): Promise<SearchResult[]> {
    const terms = searchTerms(query);
    if (terms.length === 0) throw AppError.validation({ q: ['q must contain at least one word'] });
    const hits =
      this.db.options.type === 'better-sqlite3'
        ? await this.sqlite(userId, terms, roomId)
        : await this.mysql(userId, terms, roomId);
    const byId = await this.messages.byIds(hits.map((h) => Number(h.id)));
    return hits.flatMap((hit) => {
      const message = byId.get(Number(hit.id));
      if (!message) return [];
      return [
        {
          message,
          room: { id: hit.room_id, name: hit.room_name },
          snippet: buildSnippet(message.content, terms),
        },
      ];
    });
  }

  private sqlite(userId: string, terms: string[], roomId?: string): Promise<Hit[]> {
    // Each term as a quoted prefix query: no FTS5 syntax from the user reaches the engine.
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
    return this.db.query(
      `SELECT m.id, m.room_id, r.name AS room_name
         FROM messages_fts f
         JOIN messages m ON m.id = f.rowid
         JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = ?
         JOIN rooms r ON r.id = m.room_id
        WHERE messages_fts MATCH ? AND m.deleted_at IS NULL ${roomId ? 'AND m.room_id = ?' : ''}
        ORDER BY m.id DESC LIMIT ${RESULT_LIMIT}`,
      roomId ? [userId, match, roomId] : [userId, match],
    );
  }

  private mysql(userId: string, terms: string[], roomId?: string): Promise<Hit[]> {
    const match = terms.map((t) => `+${t}*`).join(' ');
    return this.db.query(
      `SELECT m.id, m.room_id, r.name AS room_name
         FROM messages m
         JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = ?
         JOIN rooms r ON r.id = m.room_id
        WHERE MATCH(m.content) AGAINST (? IN BOOLEAN MODE) AND m.deleted_at IS NULL ${roomId ? 'AND m.room_id = ?' : ''}
        ORDER BY m.id DESC LIMIT ${RESULT_LIMIT}`,
      roomId ? [userId, match, roomId] : [userId, match],
    );
  }
}
