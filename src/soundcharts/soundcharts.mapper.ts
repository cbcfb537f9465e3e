import type { JobRunEntity } from 'src/jobs/entities/job-run.entity';
import type { JobStatus } from 'src/jobs';
import type { SoundchartsChartEntryEntity } from './entities/chart-entry.entity';
import type { SoundchartsChartSyncScheduleEntity } from './entities/chart-sync-schedule.entity';
import type { SoundchartsChartEntity } from './entities/chart.entity';
import { ChartEntryModel, ChartModel } from './models/chart.model';
import {
  CascadeStepModel,
  ChartSyncHealthModel,
  ChartSyncHealthStatus,
  ChartSyncScheduleModel,
} from './models/schedule.model';
import type { SyncHealth } from './sync-health';

export const toChartModel = (c: SoundchartsChartEntity): ChartModel => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  platform: c.platform,
  countryCode: c.countryCode,
  frequency: c.frequency,
  metricType: c.metricType,
  lastSyncedAt: c.lastSyncedAt,
});

export const toChartEntryModel = (e: SoundchartsChartEntryEntity): ChartEntryModel => ({
  position: e.position,
  positionEvolution: e.positionEvolution,
  oldPosition: e.oldPosition,
  timeOnChart: e.timeOnChart,
  timeOnChartUnit: e.timeOnChartUnit,
  metric: e.metric,
  entryState: e.entryState,
  songUuid: e.songUuid,
  trackId: e.trackId,
});

export const toScheduleModel = (
  s: SoundchartsChartSyncScheduleEntity,
  lastStatus: JobStatus | null,
): ChartSyncScheduleModel => ({
  id: s.id,
  chartSlug: s.chartSlug,
  cron: s.cron,
  timezone: s.timezone,
  autoCascade: s.autoCascade,
  lastRunAt: s.lastRunAt,
  lastStatus,
});

export const toHealthModel = (chart: SoundchartsChartEntity, h: SyncHealth): ChartSyncHealthModel => ({
  chart: toChartModel(chart),
  runs: h.runs,
  lastSyncAt: h.lastSyncAt,
  lastSuccessAt: h.lastSuccessAt,
  successRate: h.successRate,
  errorCount: h.errorCount,
  lastError: h.lastError,
  status: ChartSyncHealthStatus[h.status],
});

export const toCascadeStepModel = (
  step: string,
  carriedOver: boolean,
  run: JobRunEntity,
): CascadeStepModel => ({
  step,
  jobRunId: run.id,
  status: run.status,
  progress: run.progress,
  processed: run.processed,
  total: run.total,
  error: run.error,
  carriedOver,
  result: run.result ?? null,
});
