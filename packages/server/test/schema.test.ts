import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source';
import { createBackend, type TestBackend } from './harness';

describe('migrations', () => {
  let backend: TestBackend;
  let db: DataSource;
  beforeAll(async () => {
    backend = await createBackend();
    const config = loadConfig({ ...backend.env, JWT_SECRET: 'x'.repeat(20), NODE_ENV: 'test' });
    db = new DataSource(dataSourceOptions(config.database));
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await backend.cleanup();
  });

  it('build exactly the schema the entities describe (no pending changes)', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    // The full-text index (MySQL FULLTEXT) lives only in the migration: entities cannot describe it.
    const queries = pending.upQueries
      .map((q) => q.query)
      .filter((q) => !q.includes('ft_messages_content'));
    expect(queries).toEqual([]);
  });

  it('can be reverted and applied again', async () => {
    const count = db.migrations.length;
    for (let i = 0; i < count; i++) await db.undoLastMigration();
    expect(await db.showMigrations()).toBe(true);
    await db.runMigrations();
    expect(await db.showMigrations()).toBe(false);
  });
});
