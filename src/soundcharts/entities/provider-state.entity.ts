import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Soundcharts state shared by every process: the last `x-quota-remaining` seen and when. One row (id 1). */
@Entity('soundcharts_provider_state')
export class SoundchartsProviderStateEntity {
  @PrimaryColumn('smallint') id!: number;
  @Column('integer', { nullable: true }) quotaRemaining!: number | null;
  @Column('timestamptz', { nullable: true }) quotaCheckedAt!: Date | null;
}
