import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const uuid = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  ...extra,
});
const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type !== 'better-sqlite3';
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          uuid('id', { isPrimary: true }),
          { name: 'username', type: 'varchar', length: '32' },
          { name: 'username_lower', type: 'varchar', length: '32' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_users_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({
            name: 'uq_users_username_lower',
            columnNames: ['username_lower'],
            isUnique: true,
          }),
          new TableIndex({ name: 'uq_users_email', columnNames: ['email'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('user_id'),
          uuid('family_id'),
          { name: 'token_hash', type: 'varchar', length: '64' },
          timestamp('expires_at'),
          timestamp('revoked_at', true),
          uuid('replaced_by', { isNullable: true }),
          timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_refresh_tokens_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'idx_refresh_tokens_family', columnNames: ['family_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rooms',
        columns: [
          uuid('id', { isPrimary: true }),
          { name: 'name', type: 'varchar', length: '80' },
          uuid('owner_id'),
          { name: 'max_participants', type: 'integer' },
          timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_rooms_owner', columnNames: ['owner_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'room_members',
        columns: [
          uuid('room_id', { isPrimary: true }),
          uuid('user_id', { isPrimary: true }),
          timestamp('joined_at'),
        ],
        indices: [new TableIndex({ name: 'idx_room_members_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'messages',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          uuid('room_id'),
          uuid('sender_id'),
          { name: 'content', type: 'text' },
          { name: 'client_message_id', type: 'varchar', length: '64' },
          timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_messages_room_id', columnNames: ['room_id', 'id'] }),
          new TableIndex({
            name: 'uq_messages_sender_client_id',
            columnNames: ['sender_id', 'client_message_id'],
            isUnique: true,
          }),
        ],
      }),
    );

    // Full-text search through each database's own engine.
    if (mysql) {
      await q.query('ALTER TABLE `messages` ADD FULLTEXT INDEX `ft_messages_content` (`content`)');
    } else {
      await q.query(
        `CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
      );
      await q.query(
        `CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages BEGIN INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content); END`,
      );
      await q.query(
        `CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content); END`,
      );
      await q.query(
        `CREATE TRIGGER messages_fts_au AFTER UPDATE ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content); INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content); END`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') {
      for (const trigger of ['messages_fts_ai', 'messages_fts_ad', 'messages_fts_au']) {
        await q.query(`DROP TRIGGER IF EXISTS ${trigger}`);
      }
      await q.query('DROP TABLE IF EXISTS messages_fts');
    }
    for (const table of ['messages', 'room_members', 'rooms', 'refresh_tokens', 'users']) {
      await q.dropTable(table, true);
    }
  }
}
