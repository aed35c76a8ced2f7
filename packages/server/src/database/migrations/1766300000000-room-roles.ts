import { randomBytes } from 'node:crypto';
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const inviteToken = (nullable: boolean): TableColumn =>
  new TableColumn({ name: 'invite_token', type: 'varchar', length: '64', isNullable: nullable });

/** A new random invite token (the same shape the app makes). */
const newInviteToken = (): string => randomBytes(18).toString('base64url');

/**
 * Rooms and roles (issue 9): each member's role (the owner is `owner`, everyone else `member`),
 * a room description, an invite token separate from the room id (backfilled at random), an
 * access mode (open by default), and the bans a moderator may hand out.
 */
export class RoomRoles1766300000000 implements MigrationInterface {
  name = 'RoomRoles1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'room_members',
      new TableColumn({ name: 'role', type: 'varchar', length: '16', default: "'member'" }),
    );
    await q.query(
      `UPDATE room_members SET role = 'owner'
       WHERE user_id = (SELECT r.owner_id FROM rooms r WHERE r.id = room_members.room_id)`,
    );
    await q.addColumns('rooms', [
      new TableColumn({ name: 'description', type: 'varchar', length: '500', default: "''" }),
      new TableColumn({ name: 'access_mode', type: 'varchar', length: '8', default: "'open'" }),
      inviteToken(true),
    ]);
    const rooms = (await q.query('SELECT id FROM rooms')) as { id: string }[];
    for (const { id } of rooms) {
      await q.query('UPDATE rooms SET invite_token = ? WHERE id = ?', [newInviteToken(), id]);
    }
    await q.changeColumn('rooms', 'invite_token', inviteToken(false));
    await q.createIndex(
      'rooms',
      new TableIndex({
        name: 'uq_rooms_invite_token',
        columnNames: ['invite_token'],
        isUnique: true,
      }),
    );
    await q.createTable(
      new Table({
        name: 'room_bans',
        columns: [
          { name: 'room_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'banned_by', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('room_bans', true);
    await q.dropIndex('rooms', 'uq_rooms_invite_token');
    await q.dropColumn('rooms', 'invite_token');
    await q.dropColumn('rooms', 'access_mode');
    await q.dropColumn('rooms', 'description');
    await q.dropColumn('room_members', 'role');
  }
}
