import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JobStatus } from '../job-status';

/** One requested piece of background work and everything a client can know about it. */
@Entity('job_run')
@Index('idx_job_run_kind_created', ['kind', 'createdAt'])
@Index('idx_job_run_status', ['status'])
// At most one waiting (QUEUED) run per singleton key: a request made while one waits gets it, since it has not
// started and will see everything; a cancelled run stops counting as soon as the cancel is requested.
@Index('uq_job_run_singleton_key', ['singletonKey'], {
  unique: true,
  where: `singleton_key IS NOT NULL AND status = 'QUEUED' AND NOT cancel_requested`,
})
export class JobRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') kind!: string;
  @Column('text') status!: JobStatus;
  @Column('jsonb', { default: () => "'{}'" }) payload!: Record<string, unknown>;
  @Column('double precision', { default: 0 }) progress!: number;
  @Column('integer', { nullable: true }) processed!: number | null;
  @Column('integer', { nullable: true }) total!: number | null;
  @Column('text', { nullable: true }) error!: string | null;
  @Column('jsonb', { nullable: true }) result!: unknown;
  /** What a resumable handler saved after its last completed unit of work. */
  @Column('jsonb', { nullable: true }) checkpoint!: unknown;
  @Column('integer', { default: 0 }) attempts!: number;
  @Column('integer') maxAttempts!: number;
  /** Set for work that must happen once per key (a schedule tick); unique among all runs. */
  @Index('uq_job_run_dedupe_key', { unique: true })
  @Column('text', { nullable: true })
  dedupeKey!: string | null;
  /** Set for kinds defined as singletons: the kind, and the key the definition makes from the payload. */
  @Column('text', { nullable: true }) singletonKey!: string | null;
  @Column('uuid', { nullable: true }) queueJobId!: string | null;
  @Column('boolean', { default: false }) cancelRequested!: boolean;
  /**
   * Set only for a run executed in its own process without a queue message (`createInline`): the database time that
   * process last said it was alive. A QUEUED or RUNNING inline run whose heartbeat is stale had its process die.
   */
  @Column('timestamptz', { nullable: true }) heartbeatAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) finishedAt!: Date | null;
}
