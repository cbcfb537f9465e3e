import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from 'src/common/domain-errors';
import { JobsService, JobStatus } from 'src/jobs';
import type { JobRunEntity } from 'src/jobs/entities/job-run.entity';
import { MusicService } from 'src/music';
import { CascadeScope, stepsFor, stepsToRetry } from './cascade-plan';
import type { CascadePayload } from './cascade.job';
import { CascadeRepository } from './cascade.repository';
import { ChartsRepository } from './charts.repository';
import { CASCADE_JOB, CascadeStep } from './soundcharts.constants';

/** At most this many tracks per track cascade (one Soundcharts lookup each). */
export const MAX_CASCADE_TRACKS = 10_000;

/** Starts cascades (queued, or run in this process for the CLI) and retries the failed steps of one. */
@Injectable()
export class CascadeLauncher {
  constructor(
    private readonly jobs: JobsService,
    private readonly charts: ChartsRepository,
    private readonly cascades: CascadeRepository,
    private readonly music: MusicService,
  ) {}

  /** A cascade of the chart's latest ranking, or of `rankingId` (the one a sync just stored). */
  async startChart(chartId: string, rankingId?: string): Promise<JobRunEntity> {
    const chart = await this.charts.chartById(chartId);
    if (!chart) throw new NotFoundError('Chart', chartId);
    const ranking = rankingId ?? (await this.charts.ranking(chartId))?.id;
    if (!ranking)
      throw new BadUserInputError('chartId', `chart ${chart.slug} has no ranking yet: sync it first`);
    return this.launch({ chartId, rankingId: ranking });
  }

  async startTracks(trackIds: string[]): Promise<JobRunEntity> {
    const unique = [...new Set(trackIds)];
    if (unique.length === 0 || unique.length > MAX_CASCADE_TRACKS)
      throw new BadUserInputError('trackIds', `give 1..${MAX_CASCADE_TRACKS} track ids`);
    const tracks = await this.music.tracksByIds(unique);
    const missing = unique.filter((_, i) => tracks[i] === null);
    if (missing.length > 0) throw new NotFoundError('Track', missing[0]);
    return this.launch({ trackIds: unique });
  }

  /**
   * A new cascade run for the steps of `jobRunId` that did not succeed, and the steps after them that read what
   * they write; the other steps' results are carried over (their data is already stored).
   */
  async retry(jobRunId: string): Promise<JobRunEntity> {
    const cascade = await this.cascades.get(jobRunId);
    const run = cascade && (await this.jobs.get(jobRunId));
    if (!cascade || !run) throw new NotFoundError('Cascade', jobRunId);
    if (run.status !== JobStatus.FAILED && run.status !== JobStatus.CANCELLED)
      throw new BadUserInputError(
        'jobRunId',
        `only a failed or cancelled cascade can be retried; this one is ${run.status}`,
      );
    // The ranking the failed cascade covered, not the chart's latest: a retry finishes that cascade's work.
    const scope: CascadeScope = cascade.chartId
      ? { chartId: cascade.chartId, ...(cascade.rankingId ? { rankingId: cascade.rankingId } : {}) }
      : { trackIds: cascade.trackIds ?? [] };
    const rows = await this.cascades.steps([jobRunId]);
    const stepRuns = new Map(
      (await this.jobs.getMany(rows.flatMap((r) => (r.jobRunId ? [r.jobRunId] : [])))).map((r) => [r.id, r]),
    );
    // Every cascade covers all the steps of its scope, run or carried over, so the steps to look at are those.
    const all = stepsFor(scope);
    const succeeded = new Map<CascadeStep, string>();
    for (const row of rows) {
      const stepRun = row.jobRunId ? stepRuns.get(row.jobRunId) : undefined;
      if (stepRun?.status === JobStatus.SUCCEEDED) succeeded.set(row.step as CascadeStep, stepRun.id);
    }
    const failed = all.filter((s) => !succeeded.has(s));
    const toRun = stepsToRetry(failed, all);
    const carried = Object.fromEntries(
      all.filter((s) => !toRun.includes(s)).map((s) => [s, succeeded.get(s)!]),
    ) as Partial<Record<CascadeStep, string>>;
    return this.launch({ ...scope, steps: toRun, carried, retryOf: jobRunId });
  }

  private launch(payload: CascadePayload): Promise<JobRunEntity> {
    return this.jobs.start(CASCADE_JOB, { ...payload });
  }
}
