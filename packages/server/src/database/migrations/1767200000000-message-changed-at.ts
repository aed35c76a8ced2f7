import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catching up on changes: a message keeps when it last changed (edit, delete by its author or a
 * moderator, a reaction added or taken back), so a client that was not receiving live events can
 * ask for the changes of a room since a time (`changedSince`), oldest change first, through the
 * index on (room_id, changed_at). Null for messages never changed, and for changes made before this
 * migration. Plain ALTER TABLE, as in 1766600000000: on SQLite TypeORM would rebuild the table and
 * drop its full-text triggers.
 */
export class MessageChangedAt1767200000000 implements MigrationInterface {
  name = 'MessageChangedAt1767200000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') {
      await q.query('ALTER TABLE "messages" ADD COLUMN "changed_at" datetime(3)');
      await q.query(
        'CREATE INDEX "idx_messages_room_changed" ON "messages" ("room_id", "changed_at")',
      );
    } else {
      await q.query(
        'ALTER TABLE `messages` ADD `changed_at` datetime(3) NULL, ADD KEY `idx_messages_room_changed` (`room_id`, `changed_at`)',
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') {
      await q.query('DROP INDEX "idx_messages_room_changed"');
      await q.query('ALTER TABLE "messages" DROP COLUMN "changed_at"');
    } else {
      await q.query(
        'ALTER TABLE `messages` DROP KEY `idx_messages_room_changed`, DROP COLUMN `changed_at`',
      );
    }
  }
}
