import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A cascade run (its parent JobRun) and what it covers: one ranking of a chart, or given tracks. */
@Entity('soundcharts_cascade')
export class SoundchartsCascadeEntity {
  @PrimaryColumn('uuid') jobRunId!: string;
  @Column('uuid', { nullable: true }) chartId!: string | null;
  /** The chart ranking the cascade started from: its steps and retries cover that ranking's songs. */
  @Column('uuid', { nullable: true }) rankingId!: string | null;
  @Column('uuid', { array: true, nullable: true }) trackIds!: string[] | null;
  /** The cascade this one retries. */
  @Column('uuid', { nullable: true }) retryOf!: string | null;
  /** The request estimate made before it started, with the quota it was checked against. */
  @Column('jsonb', { nullable: true }) estimate!: Record<string, unknown> | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
