import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Rich chat (issue 10): a message keeps when its author last edited it and which message it
 * answers; reactions get a table of their own. The message columns are added with plain ALTER
 * TABLE: on SQLite TypeORM would rebuild the table and drop its full-text triggers (the update
 * trigger keeps the index in step with edits).
 */
export class ChatEdits1766600000000 implements MigrationInterface {
  name = 'ChatEdits1766600000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') {
      await q.query('ALTER TABLE "messages" ADD COLUMN "edited_at" datetime(3)');
      await q.query('ALTER TABLE "messages" ADD COLUMN "reply_to_id" integer');
    } else {
      await q.query(
        'ALTER TABLE `messages` ADD `edited_at` datetime(3) NULL, ADD `reply_to_id` int NULL',
      );
    }
    await q.createTable(
      new Table({
        name: 'message_reactions',
        columns: [
          { name: 'message_id', type: 'integer', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'emoji', type: 'varchar', length: '32', isPrimary: true },
          { name: 'room_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'idx_message_reactions_room', columnNames: ['room_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('message_reactions', true);
    const sqlite = q.connection.options.type === 'better-sqlite3';
    for (const column of ['reply_to_id', 'edited_at'])
      await q.query(
        sqlite
          ? `ALTER TABLE "messages" DROP COLUMN "${column}"`
          : `ALTER TABLE \`messages\` DROP COLUMN \`${column}\``,
      );
  }
}
