import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../column-types';

const metric = (name: string) => ({ name, type: 'double' as const, nullable: true });

/**
 * What one participant's client reported at one moment of a call: the quality timeline. Kept for
 * QUALITY_RETENTION_DAYS; the running sums on call_participants stay for the call's summary.
 */
@Entity('call_quality_samples')
@Index('idx_call_quality_samples_call_at', ['callId', 'at'])
export class CallQualitySampleEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'call_id', type: 'varchar', length: 36 })
  callId: string;

  /** The reporter's stay in the call (call_participants.id). */
  @Column({ name: 'participant_id', type: 'varchar', length: 36 })
  participantId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Index('idx_call_quality_samples_at')
  @Column(dateColumn('at'))
  at: Date;

  @Column(metric('bitrate_kbps'))
  bitrateKbps: number | null;

  @Column(metric('packet_loss_pct'))
  packetLossPct: number | null;

  @Column(metric('rtt_ms'))
  rttMs: number | null;

  @Column(metric('frame_rate'))
  frameRate: number | null;
}
