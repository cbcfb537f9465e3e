import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobContext, JobRegistry, JobRescheduleError, PermanentJobError } from 'src/jobs';
import { CascadeLauncher } from './cascade-launcher.service';
import { ChartsRepository } from './charts.repository';
import { CHART_SLUG } from './client/soundcharts-json';
import { SoundchartsClient } from './client/soundcharts.client';
import { SoundchartsQuotaTracker } from './client/soundcharts-quota';
import { SchedulesRepository } from './schedules.repository';
import { SongTracksService } from './song-tracks.service';
import { CHART_SYNC_JOB } from './soundcharts.constants';

export interface ChartSyncPayload {
  slug: string;
  /** Set by a schedule's tick: its auto-cascade setting applies. */
  scheduleId?: string;
  /** Start the cascade after the sync (default: the chart's schedule's auto-cascade, else no). */
  cascade?: boolean;
  /** The CLI runs the cascade itself, in its own process: the sync only says whether one is wanted. */
  inline?: boolean;
}

export interface ChartSyncReport {
  chartId: string;
  /** The ranking stored: the one a cascade started by this sync covers. */
  rankingId: string;
  slug: string;
  rankedAt: string;
  entries: number;
  cascade: boolean;
  cascadeJobRunId: string | null;
}

const RETRY_LIMIT = 2;

/**
 * `soundcharts.chart-sync`: fetches a chart's latest ranking (every page), upserts our tracks by song uuid with
 * the little a ranking says (name), stores the ranking (once per chart and ranking datetime: a second sync of the
 * same ranking leaves the same rows), records the outcome for `chartSyncHealth`, and starts the cascade when asked.
 */
@Injectable()
export class ChartSyncJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly client: SoundchartsClient,
    private readonly quota: SoundchartsQuotaTracker,
    private readonly charts: ChartsRepository,
    private readonly schedules: SchedulesRepository,
    private readonly songTracks: SongTracksService,
    private readonly cascades: CascadeLauncher,
  ) {}

  onModuleInit(): void {
    this.registry.register<ChartSyncPayload, ChartSyncReport, unknown>({
      kind: CHART_SYNC_JOB,
      retryLimit: RETRY_LIMIT,
      handle: (payload, ctx) => this.run(payload, ctx),
    });
  }

  async run(payload: ChartSyncPayload, ctx: JobContext): Promise<ChartSyncReport> {
    const startedAt = new Date();
    const slug = payload.slug;
    if (payload.scheduleId) await this.schedules.markRun(payload.scheduleId, ctx.jobRunId);
    try {
      if (typeof slug !== 'string' || !CHART_SLUG.test(slug))
        throw new PermanentJobError(`not a chart slug: ${JSON.stringify(slug)}`);
      const ranking = await this.client.latestRanking(slug);
      if (!ranking) throw new PermanentJobError(`Soundcharts has no chart "${slug}" (404)`);
      const chart = await this.charts.upsertChart({ ...ranking.chart, slug });
      const { ids: trackIds } = await this.songTracks.upsert(
        ranking.entries.map((e) => ({ uuid: e.songUuid, name: e.songName, spotifyIds: [] })),
      );
      const saved = await this.charts.saveRanking(chart.id, ranking, trackIds);
      await ctx.progress(saved.entryCount, saved.entryCount);
      const cascade = payload.cascade ?? (await this.autoCascade(slug, payload.scheduleId));
      const cascadeRun =
        cascade && !payload.inline ? await this.cascades.startChart(chart.id, saved.id) : undefined;
      await this.schedules.recordRun({
        chartSlug: slug,
        jobRunId: ctx.jobRunId,
        scheduleId: payload.scheduleId ?? null,
        status: 'SUCCEEDED',
        error: null,
        rankedAt: saved.rankedAt,
        entries: saved.entryCount,
        startedAt,
      });
      return {
        chartId: chart.id,
        rankingId: saved.id,
        slug,
        rankedAt: saved.rankedAt.toISOString(),
        entries: saved.entryCount,
        cascade,
        cascadeJobRunId: cascadeRun?.id ?? null,
      };
    } catch (error) {
      // Only the final attempt counts as a failed sync (an attempt that will be retried or rescheduled is not).
      const final =
        !(error instanceof JobRescheduleError) &&
        (payload.inline === true || error instanceof PermanentJobError || ctx.attempt > RETRY_LIMIT);
      if (final)
        await this.schedules.recordRun({
          chartSlug: String(slug),
          jobRunId: ctx.jobRunId,
          scheduleId: payload.scheduleId ?? null,
          status: 'FAILED',
          error: (error as Error).message,
          rankedAt: null,
          entries: null,
          startedAt,
        });
      throw error;
    } finally {
      await this.quota.flush().catch(() => undefined);
    }
  }

  private async autoCascade(slug: string, scheduleId: string | undefined): Promise<boolean> {
    const schedule = scheduleId ? await this.schedules.byId(scheduleId) : await this.schedules.bySlug(slug);
    return schedule?.autoCascade ?? false;
  }
}
