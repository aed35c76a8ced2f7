import type { ColumnOptions } from 'typeorm';

/** Millisecond-precision timestamps on both SQLite and MySQL/MariaDB. */
export function dateColumn(name: string): ColumnOptions {
  return { name, type: 'datetime', precision: 3 };
}

export function nullableDateColumn(name: string): ColumnOptions {
  return { ...dateColumn(name), nullable: true };
}
