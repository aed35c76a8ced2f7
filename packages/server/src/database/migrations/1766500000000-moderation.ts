import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const uuid = (name: string, nullable = false) => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});

/**
 * Moderation (issue 9): a message a moderator deletes keeps its row (blanked, with who deleted it
 * and when), and every moderator action goes to the moderation log. The message columns are added
 * with plain ALTER TABLE: on SQLite TypeORM would rebuild the table and drop its full-text triggers.
 */
export class Moderation1766500000000 implements MigrationInterface {
  name = 'Moderation1766500000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') {
      await q.query('ALTER TABLE "messages" ADD COLUMN "deleted_at" datetime(3)');
      await q.query('ALTER TABLE "messages" ADD COLUMN "deleted_by" varchar(36)');
    } else {
      await q.query(
        'ALTER TABLE `messages` ADD `deleted_at` datetime(3) NULL, ADD `deleted_by` varchar(36) NULL',
      );
    }
    await q.createTable(
      new Table({
        name: 'moderation_log',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          uuid('room_id'),
          uuid('actor_id'),
          { name: 'action', type: 'varchar', length: '16' },
          uuid('target_user_id', true),
          { name: 'message_id', type: 'integer', isNullable: true },
          { name: 'details', type: 'varchar', length: '200', default: "'{}'" },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'idx_moderation_log_room_id', columnNames: ['room_id', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('moderation_log', true);
    const sqlite = q.connection.options.type === 'better-sqlite3';
    for (const column of ['deleted_by', 'deleted_at'])
      await q.query(
        sqlite
          ? `ALTER TABLE "messages" DROP COLUMN "${column}"`
          : `ALTER TABLE \`messages\` DROP COLUMN \`${column}\``,
      );
  }
}
