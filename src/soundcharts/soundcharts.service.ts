import { Injectable } from '@nestjs/common';
import { validateCronExpression } from 'cron';
import { BadUserInputError, NotFoundError } from 'src/common/domain-errors';
import { AppConfig } from 'src/config';
import { JobsService, JobStatus } from 'src/jobs';
import type { JobRunEntity } from 'src/jobs/entities/job-run.entity';
import { AudienceExporter, AudienceExportRequest, AudienceExportResult } from './audience-export.service';
import { AudienceRepository, PointsKey, StoredPart, StoredPoint } from './audience.repository';
import { CascadeLauncher } from './cascade-launcher.service';
import { CascadeRepository } from './cascade.repository';
import { ChartScheduleRunner } from './chart-schedule.runner';
import type { ChartSyncPayload } from './chart-sync.job';
import { ChartsRepository } from './charts.repository';
import { CHART_SLUG } from './client/soundcharts-json';
import { SoundchartsHttp } from './client/soundcharts-http';
import { SoundchartsQuotaTracker } from './client/soundcharts-quota';
import type { SoundchartsChartEntryEntity } from './entities/chart-entry.entity';
import type { SoundchartsChartRankingEntity } from './entities/chart-ranking.entity';
import type { SoundchartsChartSyncScheduleEntity } from './entities/chart-sync-schedule.entity';
import type { SoundchartsChartEntity } from './entities/chart.entity';
import { MetadataRepository } from './metadata.repository';
import { SchedulesRepository } from './schedules.repository';
import { AudienceEntityType, CHART_SYNC_JOB } from './soundcharts.constants';
import { HEALTH_WINDOW, SyncHealth, syncHealth } from './sync-health';

export interface ScheduleInput {
  chartSlug: string;
  cron: string;
  timezone?: string | null;
  autoCascade?: boolean | null;
}

export interface ScheduleWithStatus {
  schedule: SoundchartsChartSyncScheduleEntity;
  /** The status of the last sync the schedule started; null before its first. */
  lastStatus: JobStatus | null;
}

export interface SoundchartsStatusView {
  quotaRemaining: number | null;
  lastCheckedAt: Date | null;
  sandbox: boolean;
  rateLimitedUntil: Date | null;
}

export interface LatestAudience {
  /** Calendar day, YYYY-MM-DD. */
  date: string;
  value: number;
}

function assertSlug(slug: string, field = 'slug'): string {
  if (!CHART_SLUG.test(slug))
    throw new BadUserInputError(field, `"${slug}" is not a chart slug (e.g. global-28)`);
  return slug;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The public face of Soundcharts: charts, sync schedules, cascades, audience. Other modules call
 * `artistGenres` and `latestAudience`; provider work (syncs, cascades) runs as jobs and returns a JobRun at once.
 */
@Injectable()
export class SoundchartsService {
  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly charts: ChartsRepository,
    private readonly schedules: SchedulesRepository,
    private readonly runner: ChartScheduleRunner,
    private readonly cascades: CascadeLauncher,
    private readonly cascadeRuns: CascadeRepository,
    private readonly metadata: MetadataRepository,
    private readonly audience: AudienceRepository,
    private readonly exporter: AudienceExporter,
    private readonly quota: SoundchartsQuotaTracker,
    private readonly http: SoundchartsHttp,
  ) {}

  // ---- for other modules ----

  /** Genres Soundcharts gives each artist (artist metadata); artists it has no metadata for are absent. */
  artistGenres(artistIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.metadata.artistGenres(artistIds);
  }

  /** Each entity's latest stored point of one series, e.g. ('artist', ids, 'spotify', 'followers'). */
  async latestAudience(
    entityType: AudienceEntityType,
    ids: readonly string[],
    platform: string,
    metric: string,
  ): Promise<Map<string, LatestAudience>> {
    const latest = await this.audience.latest(entityType, ids, platform, metric);
    return new Map([...latest].map(([id, p]) => [id, { date: p.day, value: p.value }]));
  }

  /** Points of many series at once (the per-request audience loaders). */
  audiencePoints(keys: readonly PointsKey[]): Promise<StoredPoint[][]> {
    return this.audience.points(keys);
  }

  /** The per-identifier values behind the points of many series at once (the per-request loaders). */
  audienceParts(keys: readonly PointsKey[]): Promise<StoredPart[][]> {
    return this.audience.parts(keys);
  }

  // ---- charts ----

  chartBySlug(slug: string): Promise<SoundchartsChartEntity | null> {
    return this.charts.chartBySlug(assertSlug(slug));
  }

  allCharts(): Promise<SoundchartsChartEntity[]> {
    return this.charts.allCharts();
  }

  /** The chart's latest ranking, or its latest on `day`, with its entries by position. */
  async ranking(
    chartId: string,
    day?: string | null,
  ): Promise<{ ranking: SoundchartsChartRankingEntity; entries: SoundchartsChartEntryEntity[] } | null> {
    const ranking = await this.charts.ranking(chartId, day ?? undefined);
    return ranking ? { ranking, entries: await this.charts.entries(ranking.id) } : null;
  }

  /** Queues a sync of the chart's latest ranking; `cascade` overrides the chart's schedule's auto-cascade. */
  syncChart(slug: string, cascade?: boolean | null): Promise<JobRunEntity> {
    const payload: ChartSyncPayload = { slug: assertSlug(slug) };
    if (cascade !== undefined && cascade !== null) payload.cascade = cascade;
    return this.jobs.start(CHART_SYNC_JOB, { ...payload });
  }

  startCascade(chartId: string): Promise<JobRunEntity> {
    return this.cascades.startChart(chartId);
  }

  startTrackCascade(trackIds: string[]): Promise<JobRunEntity> {
    return this.cascades.startTracks(trackIds);
  }

  retryCascade(jobRunId: string): Promise<JobRunEntity> {
    return this.cascades.retry(jobRunId);
  }

  /** Steps of cascade runs (for `JobRun.cascadeSteps`), each with its JobRun. */
  async cascadeSteps(
    cascadeRunIds: readonly string[],
  ): Promise<Map<string, { step: string; carriedOver: boolean; run: JobRunEntity }[]>> {
    const rows = await this.cascadeRuns.steps(cascadeRunIds);
    const runs = new Map(
      (await this.jobs.getMany(rows.flatMap((r) => (r.jobRunId ? [r.jobRunId] : [])))).map((r) => [r.id, r]),
    );
    const out = new Map<string, { step: string; carriedOver: boolean; run: JobRunEntity }[]>();
    for (const row of rows) {
      const run = row.jobRunId ? runs.get(row.jobRunId) : undefined;
      if (!run) continue;
      out.set(row.cascadeRunId, [
        ...(out.get(row.cascadeRunId) ?? []),
        { step: row.step, carriedOver: row.carriedOver, run },
      ]);
    }
    return out;
  }

  // ---- schedules and health ----

  /** Adds or replaces a chart's schedule; it keeps the status of the last sync it started. */
  async upsertSchedule(input: ScheduleInput): Promise<ScheduleWithStatus> {
    const chartSlug = assertSlug(input.chartSlug.trim(), 'chartSlug');
    const cron = input.cron.trim().replace(/\s+/g, ' ');
    const fields = cron.split(' ').length;
    const check = validateCronExpression(cron);
    if ((fields !== 5 && fields !== 6) || !check.valid)
      throw new BadUserInputError(
        'cron',
        `"${input.cron}" is not a cron expression (five fields: minute hour day month weekday)` +
          (check.error ? `: ${check.error.message}` : ''),
      );
    const timezone = input.timezone?.trim() || 'UTC';
    if (!isTimeZone(timezone))
      throw new BadUserInputError('timezone', `"${timezone}" is not an IANA time zone`);
    await this.charts.ensureChart(chartSlug);
    const schedule = await this.schedules.upsert({
      chartSlug,
      cron,
      timezone,
      autoCascade: input.autoCascade ?? true,
    });
    await this.runner.reload();
    return (await this.withStatus([schedule]))[0];
  }

  async removeSchedule(chartSlug: string): Promise<boolean> {
    const removed = await this.schedules.remove(assertSlug(chartSlug, 'chartSlug'));
    await this.runner.reload();
    return removed;
  }

  /** Schedules with the status of the last sync each started. */
  async schedulesWithStatus(): Promise<ScheduleWithStatus[]> {
    return this.withStatus(await this.schedules.all());
  }

  private async withStatus(
    schedules: readonly SoundchartsChartSyncScheduleEntity[],
  ): Promise<ScheduleWithStatus[]> {
    const runs = new Map(
      (await this.jobs.getMany(schedules.flatMap((s) => (s.lastJobRunId ? [s.lastJobRunId] : [])))).map(
        (r) => [r.id, r.status],
      ),
    );
    return schedules.map((schedule) => ({
      schedule,
      lastStatus: schedule.lastJobRunId ? (runs.get(schedule.lastJobRunId) ?? null) : null,
    }));
  }

  /** Sync health of every chart (or one), over its last 30 sync runs. */
  async health(slug?: string | null): Promise<{ chart: SoundchartsChartEntity; health: SyncHealth }[]> {
    const charts = slug ? await this.charts.chartsBySlugs([assertSlug(slug)]) : await this.charts.allCharts();
    if (slug && charts.length === 0) throw new NotFoundError('Chart', slug);
    const runs = await this.schedules.recentRuns(
      charts.map((c) => c.slug),
      HEALTH_WINDOW,
    );
    return charts.map((chart) => ({
      chart,
      health: syncHealth(runs.filter((r) => r.chartSlug === chart.slug)),
    }));
  }

  async status(): Promise<SoundchartsStatusView> {
    const reading = await this.quota.latest();
    return {
      quotaRemaining: reading?.remaining ?? null,
      lastCheckedAt: reading?.checkedAt ?? null,
      sandbox: this.config.soundcharts.sandboxed,
      rateLimitedUntil: this.http.rateLimitedUntil,
    };
  }

  /** The tracks of a chart's latest ranking, or the artists they credit (that Soundcharts knows). */
  async chartEntityIds(slug: string, entityType: AudienceEntityType): Promise<string[]> {
    const chart = await this.chartBySlug(slug);
    if (!chart) throw new NotFoundError('Chart', slug);
    const trackIds = (await this.charts.latestSongs(chart.id)).map((s) => s.trackId);
    if (entityType === 'track') return trackIds;
    const uuids = [...new Set((await this.metadata.credits(trackIds)).map((c) => c.artistUuid))];
    return (await this.metadata.foundArtists(uuids)).map((a) => a.artistId);
  }

  exportAudience(request: AudienceExportRequest): Promise<AudienceExportResult> {
    return this.exporter.export(request);
  }
}
