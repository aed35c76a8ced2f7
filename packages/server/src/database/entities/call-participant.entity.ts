import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn, nullableDateColumn } from '../column-types';

const counter = (name: string) => ({ name, type: 'integer' as const, default: 0 });
const sum = (name: string) => ({ name, type: 'double' as const, default: 0 });

/**
 * One peer's stay in a call (a user who rejoins gets a new row), with running sums of the
 * quality samples it reported, so a summary needs no per-sample rows.
 */
@Entity('call_participants')
@Index('idx_call_participants_call', ['callId', 'joinedAt'])
export class CallParticipantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'call_id', type: 'varchar', length: 36 })
  callId: string;

  @Index('idx_call_participants_user')
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Index('uq_call_participants_peer', { unique: true })
  @Column({ name: 'peer_id', type: 'varchar', length: 64 })
  peerId: string;

  @Column(dateColumn('joined_at'))
  joinedAt: Date;

  @Column(nullableDateColumn('left_at'))
  leftAt: Date | null;

  @Column(counter('stats_samples'))
  statsSamples: number;

  @Column(sum('rtt_ms_sum'))
  rttMsSum: number;

  @Column(counter('rtt_ms_count'))
  rttMsCount: number;

  @Column(sum('packet_loss_pct_sum'))
  packetLossPctSum: number;

  @Column(counter('packet_loss_pct_count'))
  packetLossPctCount: number;

  @Column(sum('bitrate_kbps_sum'))
  bitrateKbpsSum: number;

  @Column(counter('bitrate_kbps_count'))
  bitrateKbpsCount: number;

  @Column(sum('frame_rate_sum'))
  frameRateSum: number;

  @Column(counter('frame_rate_count'))
  frameRateCount: number;
}
