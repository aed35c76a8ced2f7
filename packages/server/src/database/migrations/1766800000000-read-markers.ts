import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Mentions and read markers (issue 10): who a message @mentions, and how far each user has read
 * each room. New tables only (the same statements on SQLite and MariaDB), so the messages table
 * and its full-text triggers stay untouched.
 */
export class ReadMarkers1766800000000 implements MigrationInterface {
  name = 'ReadMarkers1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'message_mentions',
        columns: [
          { name: 'message_id', type: 'integer', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'room_id', type: 'varchar', length: '36' },
        ],
        indices: [
          new TableIndex({
            name: 'idx_message_mentions_user_room',
            columnNames: ['user_id', 'room_id', 'message_id'],
          }),
          new TableIndex({ name: 'idx_message_mentions_room', columnNames: ['room_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'read_markers',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'room_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'last_read_message_id', type: 'integer' },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'idx_read_markers_room', columnNames: ['room_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('read_markers', true);
    await q.dropTable('message_mentions', true);
  }
}
