import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { JobScheduler } from 'src/jobs';
import { SchedulesRepository } from './schedules.repository';
import { CHART_SYNC_JOB } from './soundcharts.constants';

/** How often a worker re-reads the schedule table (a schedule changed through another process reaches it). */
export const SCHEDULE_RELOAD_MS = 60_000;

export const scheduleName = (slug: string): string => `${CHART_SYNC_JOB}:${slug}`;

/**
 * Keeps this worker's cron ticks in step with `soundcharts_chart_sync_schedule`: at start-up, every minute (a
 * schedule upserted through an API process reaches every worker within a minute), and at once after a change made
 * in this process. Ticks only enqueue `soundcharts.chart-sync`, once per tick however many workers tick.
 */
@Injectable()
export class ChartScheduleRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChartScheduleRunner.name);
  /** Schedule name → what it was registered with (id, cron, time zone). */
  private readonly registered = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: AppConfig,
    private readonly scheduler: JobScheduler,
    private readonly schedules: SchedulesRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    void this.reload().catch((error: Error) => this.logger.error(`cannot load schedules: ${error.message}`));
    this.timer = setInterval(() => {
      void this.reload().catch((error: Error) =>
        this.logger.error(`cannot reload schedules: ${error.message}`),
      );
    }, SCHEDULE_RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    for (const name of this.registered.keys()) this.scheduler.remove(name);
    this.registered.clear();
  }

  /** Re-reads the table and adds, replaces or removes ticks; one reload at a time. */
  reload(): Promise<void> {
    const next = this.chain.catch(() => undefined).then(() => this.apply());
    this.chain = next;
    return next;
  }

  private async apply(): Promise<void> {
    if (!this.config.runsWorker) return;
    const seen = new Set<string>();
    for (const row of await this.schedules.all()) {
      const name = scheduleName(row.chartSlug);
      const signature = `${row.id}|${row.cron}|${row.timezone}`;
      seen.add(name);
      if (this.registered.get(name) === signature) continue;
      try {
        this.scheduler.upsert({
          name,
          cron: row.cron,
          timeZone: row.timezone,
          kind: CHART_SYNC_JOB,
          payload: { slug: row.chartSlug, scheduleId: row.id },
        });
        this.registered.set(name, signature);
      } catch (error) {
        this.logger.error(`schedule ${name} (${row.cron}) cannot run: ${(error as Error).message}`);
      }
    }
    for (const name of [...this.registered.keys()])
      if (!seen.has(name)) {
        this.scheduler.remove(name);
        this.registered.delete(name);
      }
  }
}
