import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions, ENTITIES } from './data-source';

/**
 * Turns on the per-statement timeout (DB_QUERY_TIMEOUT_MS) once the data source is up: the
 * migrations, run while it starts, may take longer than any request should.
 */
@Injectable()
class QueryTimeouts implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const options = this.dataSource.driver.options;
    if (options.type === 'mysql' || options.type === 'mariadb')
      Object.assign(options, { enableQueryTimeout: true });
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database),
        retryAttempts: 2,
        retryDelay: 500,
      }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [QueryTimeouts],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
