import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Guests (issue 13): a user row may be a guest of one room until a time (no password, no email),
 * and each room says whether guests may join by its link (on by default).
 */
export class Guests1767000000000 implements MigrationInterface {
  name = 'Guests1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('users', [
      new TableColumn({ name: 'guest_room_id', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({
        name: 'guest_expires_at',
        type: 'datetime',
        precision: 3,
        isNullable: true,
      }),
    ]);
    await q.addColumn(
      'rooms',
      new TableColumn({ name: 'allow_guests', type: 'boolean', default: 1 }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rooms', 'allow_guests');
    await q.dropColumn('users', 'guest_expires_at');
    await q.dropColumn('users', 'guest_room_id');
  }
}
