import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const column = (nullable: boolean): TableColumn =>
  new TableColumn({
    name: 'last_activity_at',
    type: 'datetime',
    precision: 3,
    isNullable: nullable,
  });

/**
 * Rooms keep the time of their last activity (creation or newest message), so a user's room list
 * can be ordered and paginated by it in the database.
 */
export class RoomActivity1766100000000 implements MigrationInterface {
  name = 'RoomActivity1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('rooms', column(true));
    await q.query(
      `UPDATE rooms SET last_activity_at = COALESCE(
         (SELECT MAX(m.created_at) FROM messages m WHERE m.room_id = rooms.id), rooms.created_at)`,
    );
    await q.changeColumn('rooms', 'last_activity_at', column(false));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rooms', 'last_activity_at');
  }
}
