import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry, JobRescheduleError, JobsService, JobStatus } from 'src/jobs';
import { AnalyticsRepository } from './analytics.repository';
import { LISTENING_RESUMMARIZE_JOB } from './listening-jobs';

export interface ResummarizePayload {
  listenerIds: string[];
  /** The artist enrichment run to wait for. */
  afterJobRunId?: string;
}

/** How often a waiting run looks again at the enrichment it follows. */
const WAIT_SECONDS = 60;

/**
 * `listening.resummarize`: the day summaries keep the genres and popularity artists had when the day was
 * summarised, and an ingestion's new artists only get theirs from the enrichment it queued. This job waits for
 * that run to end (rescheduling itself meanwhile) and summarises those listeners' days and months again.
 */
@Injectable()
export class ResummarizeJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly jobs: JobsService,
    private readonly analytics: AnalyticsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register<ResummarizePayload, { summaries: number }, unknown>({
      kind: LISTENING_RESUMMARIZE_JOB,
      handle: (payload) => this.run(payload),
    });
  }

  async run(payload: ResummarizePayload): Promise<{ summaries: number }> {
    if (payload.afterJobRunId) {
      const run = await this.jobs.get(payload.afterJobRunId);
      if (run && (run.status === JobStatus.QUEUED || run.status === JobStatus.RUNNING)) {
        throw new JobRescheduleError(WAIT_SECONDS, `waiting for artist enrichment ${run.id} (${run.status})`);
      }
    }
    let summaries = 0;
    for (const id of payload.listenerIds) summaries += await this.analytics.resummarize(id);
    return { summaries };
  }
}
