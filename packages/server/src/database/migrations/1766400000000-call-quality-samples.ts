import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const uuid = (name: string) => ({ name, type: 'varchar', length: '36' });
const metric = (name: string) => ({ name, type: 'double', isNullable: true });

/** Call quality samples as the clients reported them, for per-participant timelines. */
export class CallQualitySamples1766400000000 implements MigrationInterface {
  name = 'CallQualitySamples1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'call_quality_samples',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          uuid('call_id'),
          uuid('participant_id'),
          uuid('user_id'),
          { name: 'at', type: 'datetime', precision: 3 },
          metric('bitrate_kbps'),
          metric('packet_loss_pct'),
          metric('rtt_ms'),
          metric('frame_rate'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_call_quality_samples_call_at',
            columnNames: ['call_id', 'at'],
          }),
          // The retention job deletes by age.
          new TableIndex({ name: 'idx_call_quality_samples_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('call_quality_samples', true);
  }
}
