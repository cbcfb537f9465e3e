import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SoundchartsChartSyncRunEntity } from './entities/chart-sync-run.entity';
import { SoundchartsChartSyncScheduleEntity } from './entities/chart-sync-schedule.entity';

export interface SyncRunRecord {
  chartSlug: string;
  jobRunId: string | null;
  scheduleId: string | null;
  status: 'SUCCEEDED' | 'FAILED';
  error: string | null;
  rankedAt: Date | null;
  entries: number | null;
  startedAt: Date;
}

/** Chart sync schedules and the record of sync runs. */
@Injectable()
export class SchedulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get schedules() {
    return this.dataSource.getRepository(SoundchartsChartSyncScheduleEntity);
  }

  async upsert(schedule: {
    chartSlug: string;
    cron: string;
    timezone: string;
    autoCascade: boolean;
  }): Promise<SoundchartsChartSyncScheduleEntity> {
    await this.dataSource.query(
      `INSERT INTO soundcharts_chart_sync_schedule (chart_slug, cron, timezone, auto_cascade) VALUES ($1, $2, $3, $4)
       ON CONFLICT (chart_slug) DO UPDATE SET cron = EXCLUDED.cron, timezone = EXCLUDED.timezone,
         auto_cascade = EXCLUDED.auto_cascade, updated_at = now()`,
      [schedule.chartSlug, schedule.cron, schedule.timezone, schedule.autoCascade],
    );
    return (await this.schedules.findOneBy({ chartSlug: schedule.chartSlug }))!;
  }

  async remove(chartSlug: string): Promise<boolean> {
    const result = await this.schedules.delete({ chartSlug });
    return (result.affected ?? 0) > 0;
  }

  all(): Promise<SoundchartsChartSyncScheduleEntity[]> {
    return this.schedules.find({ order: { chartSlug: 'ASC' } });
  }

  bySlug(chartSlug: string): Promise<SoundchartsChartSyncScheduleEntity | null> {
    return this.schedules.findOneBy({ chartSlug });
  }

  byId(id: string): Promise<SoundchartsChartSyncScheduleEntity | null> {
    return this.schedules.findOneBy({ id });
  }

  async markRun(scheduleId: string, jobRunId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE soundcharts_chart_sync_schedule SET last_job_run_id = $2, last_run_at = now() WHERE id = $1`,
      [scheduleId, jobRunId],
    );
  }

  async recordRun(run: SyncRunRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO soundcharts_chart_sync_run (chart_slug, job_run_id, schedule_id, status, error, ranked_at,
         entries, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [
        run.chartSlug,
        run.jobRunId,
        run.scheduleId,
        run.status,
        run.error,
        run.rankedAt,
        run.entries,
        run.startedAt,
      ],
    );
  }

  /** The last `limit` sync runs of each chart, newest first. */
  async recentRuns(slugs: readonly string[], limit: number): Promise<SoundchartsChartSyncRunEntity[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM (
         SELECT id, row_number() OVER (PARTITION BY chart_slug ORDER BY finished_at DESC, id DESC) AS n
         FROM soundcharts_chart_sync_run WHERE chart_slug = ANY($1::text[])) r
       WHERE n <= $2`,
      [slugs, limit],
    );
    if (rows.length === 0) return [];
    return this.dataSource
      .getRepository(SoundchartsChartSyncRunEntity)
      .createQueryBuilder('r')
      .where('r.id = ANY(:ids)', { ids: rows.map((r) => r.id) })
      .orderBy('r.finished_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
  }
}
