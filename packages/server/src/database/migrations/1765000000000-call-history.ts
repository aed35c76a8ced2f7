import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const uuid = (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '36' });
const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
const counter = (name: string): TableColumnOptions => ({ name, type: 'integer', default: 0 });
const sum = (name: string): TableColumnOptions => ({ name, type: 'double', default: 0 });

/** Call history: sessions per room and each participant's stay with quality aggregates. */
export class CallHistory1765000000000 implements MigrationInterface {
  name = 'CallHistory1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'call_sessions',
        columns: [
          { ...uuid('id'), isPrimary: true },
          uuid('room_id'),
          timestamp('started_at'),
          timestamp('ended_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'idx_call_sessions_room_started',
            columnNames: ['room_id', 'started_at'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'call_participants',
        columns: [
          { ...uuid('id'), isPrimary: true },
          uuid('call_id'),
          uuid('user_id'),
          { name: 'peer_id', type: 'varchar', length: '64' },
          timestamp('joined_at'),
          timestamp('left_at', true),
          counter('stats_samples'),
          sum('rtt_ms_sum'),
          counter('rtt_ms_count'),
          sum('packet_loss_pct_sum'),
          counter('packet_loss_pct_count'),
          sum('bitrate_kbps_sum'),
          counter('bitrate_kbps_count'),
          sum('frame_rate_sum'),
          counter('frame_rate_count'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_call_participants_call',
            columnNames: ['call_id', 'joined_at'],
          }),
          new TableIndex({ name: 'idx_call_participants_user', columnNames: ['user_id'] }),
          new TableIndex({
            name: 'uq_call_participants_peer',
            columnNames: ['peer_id'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('call_participants', true);
    await q.dropTable('call_sessions', true);
  }
}
