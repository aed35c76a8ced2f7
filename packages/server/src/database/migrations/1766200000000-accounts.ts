import {
  Table,
  TableColumn,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
const usernameIndex = new TableIndex({
  name: 'uq_users_username',
  columnNames: ['username'],
  isUnique: true,
});

/**
 * Accounts: a row per sign-in session, and deleted accounts.
 *
 * A deleted account keeps its row (its messages keep a valid author) with the display name
 * "Deleted user" for every deleted account, so `username` is no longer unique on its own:
 * uniqueness of live names is kept by `uq_users_username_lower`, which deletion sets to a
 * reserved `~deleted-…` value no registration can take.
 */
export class Accounts1766200000000 implements MigrationInterface {
  name = 'Accounts1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'user_agent', type: 'varchar', length: '255', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          timestamp('created_at'),
          timestamp('last_seen_at'),
          timestamp('revoked_at', true),
        ],
        indices: [new TableIndex({ name: 'idx_auth_sessions_user', columnNames: ['user_id'] })],
      }),
    );
    await q.dropIndex('users', 'uq_users_username');
    await q.addColumn('users', new TableColumn(timestamp('deleted_at', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    // Deleted accounts share one display name: give each its reserved lower-case name back.
    await q.query('UPDATE users SET username = username_lower WHERE deleted_at IS NOT NULL');
    await q.dropColumn('users', 'deleted_at');
    await q.createIndex('users', usernameIndex);
    await q.dropTable('auth_sessions', true);
  }
}
