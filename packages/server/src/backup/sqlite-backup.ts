import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseConfig } from '../config/config';

export interface BackupResult {
  source: string;
  destination: string;
  bytes: number;
  pages: number;
  durationMs: number;
}

/** Why a backup cannot be made; the message is meant for the operator who ran the command. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

/**
 * Copies the SQLite database with SQLite's online backup API while the app keeps running: the
 * copy is a consistent snapshot (committed transactions only, WAL included). It is written next to
 * the destination and renamed into place at the end, so a failed run never leaves half a file.
 */
export async function backupSqlite(db: DatabaseConfig, destination: string): Promise<BackupResult> {
  if (db.type !== 'sqlite') {
    throw new BackupRefused(
      `The backup command copies the SQLite database; this server uses ${db.type} (database ` +
        `"${db.database}"). Back it up with the database's own tools while the app runs, e.g.\n` +
        `  mariadb-dump --single-transaction --routines --triggers ${db.database} > backup.sql\n` +
        'or mariabackup for large databases (docs/OPERATIONS.md, "Backups and restore").',
    );
  }
  if (db.path === ':memory:') throw new BackupRefused('An in-memory database cannot be backed up.');
  const source = resolve(db.path);
  const target = resolve(destination);
  if (!existsSync(source))
    throw new BackupRefused(`No database at ${source} (DATABASE_URL/DATA_DIR).`);
  if (target === source) throw new BackupRefused('The destination is the live database itself.');
  if (existsSync(target)) throw new BackupRefused(`${target} exists already; choose a new file.`);

  const started = Date.now();
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const progress = await sqlite.backup(partial);
    // The copy holds password hashes and tokens, like the database itself.
    chmodSync(partial, 0o600);
    renameSync(partial, target);
    return {
      source,
      destination: target,
      bytes: statSync(target).size,
      pages: progress.totalPages,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    sqlite.close();
  }
}
