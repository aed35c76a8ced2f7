import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Files and images on chat messages (issue 10): one row per upload, its bytes in the blob store
 * (DATA_DIR/files). A new table only, so both SQLite and MariaDB take the same portable DDL; the
 * messages table (and its full-text triggers on SQLite) is left as it is.
 */
export class Attachments1766700000000 implements MigrationInterface {
  name = 'Attachments1766700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'room_id', type: 'varchar', length: '36' },
          { name: 'uploader_id', type: 'varchar', length: '36' },
          { name: 'message_id', type: 'integer', isNullable: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'name_lower', type: 'varchar', length: '200' },
          { name: 'size', type: 'integer' },
          { name: 'content_type', type: 'varchar', length: '100' },
          { name: 'storage_key', type: 'varchar', length: '100' },
          { name: 'width', type: 'integer', isNullable: true },
          { name: 'height', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'idx_attachments_message', columnNames: ['message_id'] }),
          new TableIndex({ name: 'idx_attachments_uploader', columnNames: ['uploader_id'] }),
          new TableIndex({
            name: 'idx_attachments_room_name',
            columnNames: ['room_id', 'name_lower'],
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachments', true);
  }
}
