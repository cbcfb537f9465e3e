import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { sleep } from 'src/common/process-utils';
import {
  JobCancelledError,
  JobContext,
  JobRegistry,
  JobRescheduleError,
  JobRunModel,
  JobsService,
  JobStatus,
  PermanentJobError,
  toJobRunModel,
} from 'src/jobs';
import { CascadeEstimator, CascadeEstimate } from './cascade-estimator.service';
import { CascadeScope, readySteps, stepsFor } from './cascade-plan';
import { CascadeRepository } from './cascade.repository';
import { ChartsRepository } from './charts.repository';
import { CASCADE_JOB, CASCADE_STEP_JOB, CascadeStep } from './soundcharts.constants';
import type { StepPayload } from './steps/cascade-step';

export interface CascadePayload {
  chartId?: string;
  /** The chart's ranking to cover; absent (the CLI's `charts cascade`), the chart's latest when the run starts. */
  rankingId?: string;
  trackIds?: string[];
  /** Steps to run (a retry); default every step of the scope. */
  steps?: CascadeStep[];
  /** Steps a retry keeps from the cascade it retries: step → that cascade's step JobRun. */
  carried?: Partial<Record<CascadeStep, string>>;
  retryOf?: string;
  /** Run the steps in this process (the CLI) instead of queueing them for workers. */
  inline?: boolean;
}

export interface CascadeStepSummary {
  status: JobStatus;
  jobRunId: string;
  carriedOver: boolean;
  error: string | null;
  result: unknown;
}

export interface CascadeReport {
  chartId: string | null;
  rankingId: string | null;
  trackIds: number | null;
  retryOf: string | null;
  estimate: Omit<CascadeEstimate, 'refusal' | 'items'>;
  steps: Partial<Record<CascadeStep, CascadeStepSummary>>;
  /** Steps by final status. */
  stepsByStatus: Partial<Record<JobStatus, number>>;
  /** Soundcharts requests this run's steps made (a retry's carried-over steps not included). */
  requests: number;
}

const POLL_MS = 500;
const FINISHED: readonly JobStatus[] = [JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED];

/**
 * `soundcharts.cascade`: the parent run of a cascade. It estimates the requests (refusing below the quota
 * reserve), then starts each step as its own job as soon as the steps it reads from have ended (failed or not, so
 * one failure does not lose the others), reports their progress as its own, and ends with
 * counts by step and status. Resumable: the steps it started are recorded, so a re-delivered run waits for them.
 */
@Injectable()
export class CascadeJob implements OnModuleInit {
  private readonly logger = new Logger(CascadeJob.name);

  constructor(
    private readonly registry: JobRegistry,
    private readonly jobs: JobsService,
    private readonly cascades: CascadeRepository,
    private readonly estimator: CascadeEstimator,
    private readonly charts: ChartsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register<CascadePayload, CascadeReport, unknown>({
      kind: CASCADE_JOB,
      retryLimit: 2,
      expireInSeconds: 12 * 3600,
      handle: (payload, ctx) => this.run(payload, ctx),
    });
  }

  async run(payload: CascadePayload, ctx: JobContext): Promise<CascadeReport> {
    const scope = await this.scopeOf(payload, ctx.jobRunId);
    const steps = payload.steps ?? stepsFor(scope);
    await this.cascades.create({
      jobRunId: ctx.jobRunId,
      chartId: payload.chartId ?? null,
      rankingId: 'rankingId' in scope ? (scope.rankingId ?? null) : null,
      trackIds: payload.trackIds ?? null,
      retryOf: payload.retryOf ?? null,
    });
    for (const [step, jobRunId] of Object.entries(payload.carried ?? {}))
      await this.cascades.setStep(ctx.jobRunId, step as CascadeStep, jobRunId ?? null, true);
    const estimate = await this.estimateOnce(ctx.jobRunId, scope, steps);
    if (estimate.refusal) throw new PermanentJobError(estimate.refusal);

    const started = new Map<CascadeStep, string>();
    for (const row of await this.cascades.steps([ctx.jobRunId]))
      if (row.jobRunId && !row.carriedOver) started.set(row.step as CascadeStep, row.jobRunId);
    try {
      await this.drive(ctx, scope, steps, started, estimate, payload.inline === true);
    } catch (error) {
      // Cancelling the cascade cancels its steps; any other error leaves them running for the retried parent.
      if (error instanceof JobCancelledError) await this.cancelUnfinished([...started.values()]);
      throw error;
    }
    return this.report(ctx.jobRunId, payload, estimate);
  }

  /**
   * A chart cascade is tied to one ranking: the payload's, else the one a re-delivered run recorded, else the
   * chart's latest now (then recorded, so every step and any retry covers the same songs).
   */
  private async scopeOf(payload: CascadePayload, jobRunId: string): Promise<CascadeScope> {
    if (!payload.chartId) return { trackIds: payload.trackIds ?? [] };
    const rankingId =
      payload.rankingId ??
      (await this.cascades.get(jobRunId))?.rankingId ??
      (await this.charts.ranking(payload.chartId))?.id;
    if (!rankingId) throw new PermanentJobError(`chart ${payload.chartId} has no ranking yet: sync it first`);
    return { chartId: payload.chartId, rankingId };
  }

  private async estimateOnce(
    jobRunId: string,
    scope: CascadeScope,
    steps: readonly CascadeStep[],
  ): Promise<CascadeEstimate> {
    const stored = (await this.cascades.get(jobRunId))?.estimate as CascadeEstimate | null | undefined;
    if (stored) return stored;
    const estimate = await this.estimator.estimate(scope, steps);
    await this.cascades.setEstimate(jobRunId, estimate);
    this.logger.log(
      `cascade ${jobRunId}: about ${estimate.requests} requests, quota ${estimate.quotaRemaining ?? 'unknown'}`,
    );
    return estimate;
  }

  private async startStep(
    cascadeRunId: string,
    step: CascadeStep,
    scope: CascadeScope,
    inline: boolean,
  ): Promise<string> {
    const payload: StepPayload & Record<string, unknown> = { cascadeRunId, step, scope };
    if (!inline) {
      const run = await this.jobs.start(CASCADE_STEP_JOB, payload);
      await this.cascades.setStep(cascadeRunId, step, run.id);
      return run.id;
    }
    const run = await this.jobs.createInline(CASCADE_STEP_JOB, payload);
    await this.cascades.setStep(cascadeRunId, step, run.id);
    const done = await this.jobs.runInline(run.id);
    // Handed to the queue (a long rate-limit wait): a worker finishes the step, and this cascade with it.
    if (done.status === JobStatus.QUEUED)
      throw new JobRescheduleError(60, `step ${step} was rescheduled: ${done.error ?? ''}`);
    return run.id;
  }

  /**
   * Starts each step as soon as the steps it reads from have ended (failed or not), and polls the step runs until
   * all have ended, reporting the whole cascade's progress meanwhile.
   */
  private async drive(
    ctx: JobContext,
    scope: CascadeScope,
    steps: readonly CascadeStep[],
    started: Map<CascadeStep, string>,
    estimate: CascadeEstimate,
    inline: boolean,
  ): Promise<void> {
    for (;;) {
      const runs = new Map((await this.jobs.getMany([...started.values()])).map((r) => [r.id, r]));
      const ended = new Set(
        [...started]
          .filter(([, id]) => FINISHED.includes(runs.get(id)?.status ?? JobStatus.QUEUED))
          .map(([s]) => s),
      );
      const ready = readySteps(steps, new Set(started.keys()), ended);
      for (const step of ready) started.set(step, await this.startStep(ctx.jobRunId, step, scope, inline));
      if (ready.length > 0) continue; // read the new runs (an inline step has already ended)
      let processed = 0;
      let total = 0;
      for (const step of steps) {
        const run = started.has(step) ? runs.get(started.get(step)!) : undefined;
        const expected = estimate.items[step] ?? 0;
        if (!run) total += expected;
        else if (FINISHED.includes(run.status)) {
          processed += run.total ?? run.processed ?? expected;
          total += run.total ?? run.processed ?? expected;
        } else {
          processed += run.processed ?? 0;
          total += run.total ?? expected;
        }
      }
      await ctx.progress(processed, Math.max(total, processed));
      if (ended.size === steps.length) return;
      await sleep(POLL_MS);
    }
  }

  private async cancelUnfinished(ids: string[]): Promise<void> {
    for (const run of await this.jobs.getMany(ids))
      if (!FINISHED.includes(run.status)) await this.jobs.cancel(run.id).catch(() => undefined);
  }

  private async report(
    jobRunId: string,
    payload: CascadePayload,
    estimate: CascadeEstimate,
  ): Promise<CascadeReport> {
    const rows = await this.cascades.steps([jobRunId]);
    const runs = new Map(
      (await this.jobs.getMany(rows.flatMap((r) => (r.jobRunId ? [r.jobRunId] : [])))).map((r) => [
        r.id,
        toJobRunModel(r),
      ]),
    );
    const steps: Partial<Record<CascadeStep, CascadeStepSummary>> = {};
    const stepsByStatus: Partial<Record<JobStatus, number>> = {};
    let requests = 0;
    for (const row of rows) {
      const run: JobRunModel | undefined = row.jobRunId ? runs.get(row.jobRunId) : undefined;
      if (!run) continue;
      steps[row.step as CascadeStep] = {
        status: run.status,
        jobRunId: run.id,
        carriedOver: row.carriedOver,
        error: run.error,
        result: run.result,
      };
      stepsByStatus[run.status] = (stepsByStatus[run.status] ?? 0) + 1;
      const made = (run.result as { requests?: unknown } | null)?.requests;
      if (!row.carriedOver && typeof made === 'number') requests += made;
    }
    const failed = Object.entries(steps).filter(([, s]) => s.status !== JobStatus.SUCCEEDED);
    if (failed.length > 0)
      throw new PermanentJobError(
        `${failed.length} of ${Object.keys(steps).length} cascade steps did not succeed: ` +
          failed.map(([step, s]) => `${step} ${s.status}${s.error ? ` (${s.error})` : ''}`).join('; ') +
          `; the others kept their data. retryCascade(jobRunId: "${jobRunId}") runs the failed ones again.`,
      );
    const { refusal: _refusal, items: _items, ...kept } = estimate;
    return {
      chartId: payload.chartId ?? null,
      rankingId: (await this.cascades.get(jobRunId))?.rankingId ?? null,
      trackIds: payload.trackIds?.length ?? null,
      retryOf: payload.retryOf ?? null,
      estimate: kept,
      steps,
      stepsByStatus,
      requests,
    };
  }
}
