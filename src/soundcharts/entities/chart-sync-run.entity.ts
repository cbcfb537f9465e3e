import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The outcome of one chart sync (its final attempt), for `chartSyncHealth`. */
@Entity('soundcharts_chart_sync_run')
@Index('idx_soundcharts_chart_sync_run_slug', ['chartSlug', 'finishedAt'])
export class SoundchartsChartSyncRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') chartSlug!: string;
  @Column('uuid', { nullable: true }) jobRunId!: string | null;
  @Column('uuid', { nullable: true }) scheduleId!: string | null;
  /** SUCCEEDED or FAILED. */
  @Column('text') status!: string;
  @Column('text', { nullable: true }) error!: string | null;
  @Column('timestamptz', { nullable: true }) rankedAt!: Date | null;
  @Column('integer', { nullable: true }) entries!: number | null;
  @Column('timestamptz') startedAt!: Date;
  @Column('timestamptz') finishedAt!: Date;
}
