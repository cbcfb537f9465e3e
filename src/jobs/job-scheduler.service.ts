import { Injectable, Logger, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from 'src/config';
import { MetricsService } from 'src/observability/metrics.service';
import { JobsService } from './jobs.service';

export interface ScheduleDefinition {
  /** Unique among schedules; part of each tick's dedupe key. */
  name: string;
  /** Five fields, or six with seconds first. */
  cron: string;
  timeZone?: string;
  kind: string;
  payload?: Record<string, unknown>;
}

/** Tick time rounded to the second: every process computes the same key for the same tick. */
export const tickKey = (name: string, at: number): string =>
  `schedule:${name}:${new Date(Math.round(at / 1000) * 1000).toISOString()}`;

/**
 * The time a tick was scheduled for, when the timer fired for it (at most a few seconds late); otherwise (a
 * skipped tick, a clock change) the firing time itself.
 */
export const nominalTickTime = (scheduledAt: number, firedAt: number): number =>
  firedAt >= scheduledAt - 1000 && firedAt - scheduledAt < 5000 ? scheduledAt : firedAt;

/**
 * Cron ticks that only enqueue. Each tick carries a dedupe key, so however many worker processes tick, the run is
 * enqueued once. Schedules exist only in processes that run the worker role.
 */
@Injectable()
export class JobScheduler {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly ticks?: ReturnType<MetricsService['counter']>;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly jobs: JobsService,
    @Optional() metrics?: MetricsService,
  ) {
    this.ticks = metrics?.counter(
      'soundgraph_schedule_ticks_total',
      'Schedule ticks by outcome: enqueued here, already enqueued by another process, or skipped (a singleton kind had a live run)',
      ['schedule', 'outcome'],
    );
  }

  /** Adds or replaces a schedule. Returns false (and does nothing) outside the worker role. */
  upsert(schedule: ScheduleDefinition): boolean {
    if (!this.config.runsWorker) return false;
    this.remove(schedule.name);
    // The key is made from the tick's scheduled time, not from when the timer fired: a process whose event loop
    // is late under load still computes the same key as the others.
    let scheduledAt = 0;
    const job = CronJob.from({
      cronTime: schedule.cron,
      timeZone: schedule.timeZone ?? 'UTC',
      start: false,
      onTick: () => {
        const at = nominalTickTime(scheduledAt, Date.now());
        scheduledAt = job.nextDate().toMillis();
        this.tick(schedule, at).catch((error: Error) =>
          this.logger.error(`schedule ${schedule.name} could not enqueue: ${error.message}`),
        );
      },
    });
    scheduledAt = job.nextDate().toMillis();
    job.start();
    this.registry.addCronJob(schedule.name, job);
    return true;
  }

  remove(name: string): void {
    if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
  }

  async tick(schedule: ScheduleDefinition, at: number): Promise<void> {
    const run = await this.jobs.enqueue(schedule.kind, schedule.payload ?? {}, {
      dedupeKey: tickKey(schedule.name, at),
      skipIfRunning: true,
    });
    const outcome = !run ? 'duplicate' : run.reused ? 'skipped' : 'enqueued';
    this.ticks?.inc({ schedule: schedule.name, outcome });
    if (outcome === 'enqueued')
      this.logger.log(`schedule ${schedule.name} enqueued ${schedule.kind} (${run!.id})`);
    if (outcome === 'skipped') {
      this.logger.log(
        `schedule ${schedule.name} skipped: ${schedule.kind} run ${run!.id} is still ${run!.status} (singleton kind)`,
      );
    }
  }
}
