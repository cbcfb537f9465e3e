import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** When to sync a chart (cron in a time zone) and whether each sync starts the cascade. */
@Entity('soundcharts_chart_sync_schedule')
export class SoundchartsChartSyncScheduleEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_soundcharts_chart_sync_schedule_slug', { unique: true })
  @Column('text')
  chartSlug!: string;
  @Column('text') cron!: string;
  @Column('text') timezone!: string;
  @Column('boolean') autoCascade!: boolean;
  @Column('uuid', { nullable: true }) lastJobRunId!: string | null;
  @Column('timestamptz', { nullable: true }) lastRunAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
