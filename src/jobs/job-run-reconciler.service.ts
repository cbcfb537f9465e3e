import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { JobQueue, QUEUE_SCHEMA } from './job-queue.service';
import { INLINE_PROCESS_STOPPED, INLINE_STALE_SECONDS, reconcileRun } from './job-run-reconciliation';
import { JobRunsRepository } from './job-runs.repository';
import { JobStatus } from './job-status';

const RECONCILE_INTERVAL_MS = 60_000;

/**
 * Ends runs that no worker will finish: their queue message failed or expired (a crashed worker, an attempt that
 * ran past its expiry), was cancelled or dropped, or was cancelled while waiting for a retry; or they ran inline (a
 * CLI command) in a process that died, which their stale heartbeat shows. Runs in every worker process every
 * minute; each change is one guarded statement, so processes running it at once agree.
 */
@Injectable()
export class JobRunReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobRunReconciler.name);
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;

  constructor(
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly runs: JobRunsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.timer = setInterval(() => {
      this.reconcile().catch((error: Error) =>
        this.logger.error(`job run reconciliation failed: ${error.message}`),
      );
    }, RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /** One pass; resolves with the number of runs it ended. */
  reconcile(): Promise<number> {
    this.pass ??= this.reconcileOnce().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private async reconcileOnce(): Promise<number> {
    let ended = 0;
    for (const run of await this.runs.endInline(
      { staleSeconds: INLINE_STALE_SECONDS },
      INLINE_PROCESS_STOPPED,
    )) {
      ended++;
      this.logger.warn(
        `inline job run ${run.id} (${run.kind}) ended ${run.status}: ${INLINE_PROCESS_STOPPED}`,
      );
    }
    // pg-boss creates its schema when it starts.
    await this.queue.start();
    for (const run of await this.runs.findUnfinishedWithQueueState(QUEUE_SCHEMA)) {
      const decision = reconcileRun(run);
      if (decision.action === 'none') continue;
      const outcome =
        decision.action === 'finish'
          ? decision
          : (await this.queue.cancelIfWaiting(run.kind, run.queueJobId))
            ? { status: JobStatus.CANCELLED, error: null, attempts: run.attempts }
            : undefined;
      if (outcome && (await this.runs.finishAbandoned(run.id, run.queueJobId, outcome))) {
        ended++;
        this.logger.warn(
          `job run ${run.id} (${run.kind}) ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}`,
        );
      }
    }
    return ended;
  }
}
