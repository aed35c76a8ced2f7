import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's messages through Nest's structured logger instead of the console. Slow statements
 * (over DB_QUERY_TIMEOUT_MS, which TypeORM also uses as its slow-query mark) are debug lines:
 * a slow or hung database is reported once per outage by the error path (common/unavailable.ts).
 */
export class QuietTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {}
  logQueryError(): void {}
  logSchemaBuild(): void {}

  logQuerySlow(time: number, query: string): void {
    this.logger.debug(`slow statement (${time} ms): ${query.slice(0, 200)}`);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
