import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SoundchartsCascadeEntity } from './cascade.entity';

/** A step of a cascade and the JobRun doing it (or, for a retry, the earlier run whose result it keeps). */
@Entity('soundcharts_cascade_step')
export class SoundchartsCascadeStepEntity {
  @PrimaryColumn('uuid') cascadeRunId!: string;
  @ManyToOne(() => SoundchartsCascadeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cascade_run_id', foreignKeyConstraintName: 'fk_soundcharts_cascade_step_cascade' })
  cascade?: SoundchartsCascadeEntity;
  @PrimaryColumn('text') step!: string;
  @Column('uuid', { nullable: true }) jobRunId!: string | null;
  /** True when a retry kept the result of the retried cascade's step instead of running it again. */
  @Column('boolean', { default: false }) carriedOver!: boolean;
}
