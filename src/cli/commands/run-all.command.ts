import { Command, CommandRunner } from 'nest-commander';
import { AUTO_LINK_JOB } from 'src/catalog/catalog-jobs';
import { ENRICH_ARTISTS_JOB, ENRICH_TRACKS_JOB } from 'src/enrichment';
import { COMPUTE_GROWTH_JOB, DashboardService, renderQuick } from 'src/growth';
import { COLLECT_INSIGHTS_JOB, CollectInsightsReport, InsightsService } from 'src/insights';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';

type StepStatus = 'SUCCEEDED' | 'FAILED' | 'RESCHEDULED' | 'SKIPPED';

interface StepOutcome {
  status: StepStatus;
  detail: string;
}

interface Step {
  name: string;
  run(): Promise<StepOutcome>;
}

/** The numbers of a job's report, `key=value` (one level of nesting: `linked.HIGH=1`). */
function numbers(result: unknown): string {
  if (typeof result !== 'object' || result === null) return '';
  return Object.entries(result)
    .flatMap(([k, v]): string[] => {
      if (typeof v === 'number') return [`${k}=${v}`];
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
      return Object.entries(v as Record<string, unknown>)
        .filter(([, n]) => typeof n === 'number')
        .map(([sub, n]) => `${k}.${sub}=${String(n)}`);
    })
    .join(' ');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * `soundgraph run-all`: auto-link → track enrichment → artist enrichment → snapshots of tracked artists → growth
 * metrics → a summary. Each step runs in this process as a recorded job; a failed step is reported and the next
 * ones still run; the exit code is non-zero unless every step succeeded (or had nothing to do).
 */
@Command({
  name: 'run-all',
  description:
    'auto-link, enrich tracks and artists, snapshot tracked artists, compute growth; then a summary',
})
export class RunAllCommand extends CommandRunner {
  constructor(
    private readonly jobs: JobsService,
    private readonly insights: InsightsService,
    private readonly dashboard: DashboardService,
  ) {
    super();
  }

  async run(): Promise<void> {
    // BACKFILL: everything never enriched or stale, so nothing missed by an earlier failed run is left behind;
    // on an enriched catalog it only touches what went stale.
    const steps: Step[] = [
      { name: 'auto-link', run: () => this.job(AUTO_LINK_JOB, {}) },
      { name: 'track enrichment', run: () => this.job(ENRICH_TRACKS_JOB, { mode: 'BACKFILL' }) },
      { name: 'artist enrichment', run: () => this.job(ENRICH_ARTISTS_JOB, { mode: 'BACKFILL' }) },
      { name: 'snapshots', run: () => this.snapshots() },
      { name: 'growth metrics', run: () => this.job(COMPUTE_GROWTH_JOB, {}) },
    ];
    const outcomes: (StepOutcome & { name: string })[] = [];
    for (const [i, step] of steps.entries()) {
      process.stdout.write(`[${i + 1}/${steps.length}] ${step.name} …\n`);
      const started = Date.now();
      let outcome: StepOutcome;
      try {
        outcome = await step.run();
      } catch (error) {
        outcome = { status: 'FAILED', detail: (error as Error).message };
      }
      outcomes.push({ name: step.name, ...outcome });
      process.stdout.write(
        `[${i + 1}/${steps.length}] ${step.name}: ${outcome.status} in ${seconds(Date.now() - started)}` +
          `${outcome.detail ? ` (${outcome.detail})` : ''}\n`,
      );
    }

    const width = Math.max(...steps.map((s) => s.name.length)) + 2;
    process.stdout.write('\nrun-all summary\n');
    for (const o of outcomes) {
      process.stdout.write(`  ${o.name.padEnd(width)}${o.status.padEnd(12)}${o.detail}\n`);
    }
    const failed = outcomes.filter((o) => o.status === 'FAILED' || o.status === 'RESCHEDULED');
    process.stdout.write(
      `${outcomes.length - failed.length} of ${outcomes.length} steps succeeded` +
        `${failed.length ? `; not done: ${failed.map((f) => f.name).join(', ')}` : ''}\n`,
    );
    await this.headlines();
    if (failed.length) {
      throw new Error(
        `run-all: ${failed.length} step(s) did not succeed: ${failed.map((f) => f.name).join(', ')}`,
      );
    }
  }

  /** One job, run here; a reschedule (long rate limit) is handed to the queue and counts as not done. */
  private async job(kind: string, payload: Record<string, unknown>): Promise<StepOutcome> {
    const created = await this.jobs.createInline(kind, payload);
    const run = await this.jobs.runInline(created.id);
    switch (run.status) {
      case JobStatus.SUCCEEDED:
        return { status: 'SUCCEEDED', detail: numbers(run.result) };
      case JobStatus.QUEUED:
        return { status: 'RESCHEDULED', detail: `${run.error ?? ''}; a worker will finish job ${run.id}` };
      case JobStatus.FAILED:
      case JobStatus.CANCELLED:
      case JobStatus.RUNNING:
        return { status: 'FAILED', detail: run.error ?? `job ${run.id} ended ${run.status}` };
    }
  }

  /** One snapshot job per tracked artist; the step fails when any of them does, after trying them all. */
  private async snapshots(): Promise<StepOutcome> {
    const tracked = await this.insights.trackedArtists();
    if (tracked.length === 0) {
      return { status: 'SKIPPED', detail: 'no tracked artist (soundgraph insights track <id>)' };
    }
    const details: string[] = [];
    const statuses: StepStatus[] = [];
    for (const artist of tracked) {
      const created = await this.jobs.createInline(COLLECT_INSIGHTS_JOB, { spotifyId: artist.spotifyId });
      const run = await this.jobs.runInline(created.id);
      if (run.status === JobStatus.SUCCEEDED) {
        const r = run.result as CollectInsightsReport;
        const markets = r.activeMarkets === null ? '—' : String(r.activeMarkets);
        statuses.push('SUCCEEDED');
        details.push(
          `${artist.name}: followers ${r.followers ?? '—'}, markets ${markets}/${r.trackedMarkets}, ` +
            `${r.skipped.length} part(s) skipped`,
        );
      } else {
        statuses.push(run.status === JobStatus.QUEUED ? 'RESCHEDULED' : 'FAILED');
        details.push(`${artist.name}: ${run.status} (${run.error ?? 'unknown error'})`);
      }
    }
    const status: StepStatus = statuses.includes('FAILED')
      ? 'FAILED'
      : statuses.includes('RESCHEDULED')
        ? 'RESCHEDULED'
        : 'SUCCEEDED';
    return { status, detail: details.join('; ') };
  }

  /** The dashboard's headline numbers of each tracked artist. */
  private async headlines(): Promise<void> {
    for (const artist of await this.insights.trackedArtists()) {
      try {
        process.stdout.write(`\n${renderQuick(await this.dashboard.build(artist.spotifyId))}`);
      } catch (error) {
        process.stdout.write(`\n${artist.name}: no dashboard (${(error as Error).message})\n`);
      }
    }
  }
}
