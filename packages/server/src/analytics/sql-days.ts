import type { DataSource, EntityMetadata } from 'typeorm';

/**
 * The two SQL pieces whose spelling differs between SQLite and MySQL/MariaDB: the UTC day of a
 * datetime column as `YYYY-MM-DD` (SQLite keeps datetimes as UTC text, MySQL as DATETIME written
 * in UTC), and a date as a query parameter the driver compares correctly.
 */
export class SqlDays {
  constructor(private readonly db: DataSource) {}

  private get sqlite(): boolean {
    return this.db.options.type === 'better-sqlite3' || this.db.options.type === 'sqlite';
  }

  dayOf(column: string): string {
    return this.sqlite ? `substr(${column}, 1, 10)` : `DATE_FORMAT(${column}, '%Y-%m-%d')`;
  }

  /** A Date as the driver stores the entity's datetime column. */
  param(metadata: EntityMetadata, property: string, date: Date): unknown {
    const column = metadata.findColumnWithPropertyName(property);
    return column ? this.db.driver.preparePersistentValue(date, column) : date;
  }
}

/** Counts per day from `SELECT <day> AS day, COUNT(*) AS n ... GROUP BY day` rows. */
export function countsByDay(rows: { day: string; n: number | string }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}
