import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from './job-registry';
import { JobRunsRepository } from './job-runs.repository';
import { JobScheduler } from './job-scheduler.service';

export const PRUNE_JOB_RUNS = 'jobs.prune-job-runs';
const RETENTION_DAYS = 90;

/** Keeps `job_run` from growing forever: finished runs older than 90 days are deleted nightly. */
@Injectable()
export class JobRunRetentionJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly scheduler: JobScheduler,
    private readonly runs: JobRunsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register<Record<string, never>, { deleted: number }, never>({
      kind: PRUNE_JOB_RUNS,
      handle: async () => ({
        deleted: await this.runs.deleteFinishedBefore(new Date(Date.now() - RETENTION_DAYS * 86_400_000)),
      }),
    });
    this.scheduler.upsert({
      name: PRUNE_JOB_RUNS,
      cron: '30 3 * * *',
      timeZone: 'UTC',
      kind: PRUNE_JOB_RUNS,
    });
  }
}
