import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { requestContext } from 'src/common/request-context';
import { AppConfig } from 'src/config';
import { JobCancelledError, JobContext, JobRescheduleError, PermanentJobError } from './job-definition';
import { JobQueue, QueueMessage } from './job-queue.service';
import { JobRegistry, ResolvedJobDefinition } from './job-registry';
import { JobRunsRepository } from './job-runs.repository';
import { JobStatus } from './job-status';

const CANCEL_POLL_MS = 1000;

/** One attempt at a run: its number, and the limits of the queue message that carries it (none inline). */
interface Attempt {
  number: number;
  inline: boolean;
  /** Retries the message allows: pg-boss fixed them when it was sent, even if the definition changed since. */
  retryLimit: number;
  expireInSeconds?: number;
}

/** An attempt that outlived its message's expiry: pg-boss gives the message up, so the worker does too. */
class JobTimeoutError extends Error {
  constructor(seconds: number) {
    super(`the attempt ran longer than its ${seconds} s limit`);
    this.name = 'JobTimeoutError';
  }
}

/** Consumes every registered job kind (worker role only) and keeps each run's record in step with its attempts. */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobWorker.name);
  private stopping = false;
  /** Consumer set-ups started so far: the process consumes every kind it knows once they have all settled. */
  private readonly consumers: Promise<void>[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly queue: JobQueue,
    private readonly runs: JobRunsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.registry.onDefinition((definition) => {
      this.consumers.push(
        this.consume(definition).catch((error: Error) =>
          this.logger.error(`cannot consume ${definition.kind}: ${error.message}`),
        ),
      );
    });
  }

  /** Resolves once every kind registered so far has its queue and consumer (at once outside the worker role). */
  async ready(): Promise<void> {
    await Promise.all(this.consumers);
  }

  onModuleDestroy(): void {
    this.stopping = true;
  }

  private async consume(definition: ResolvedJobDefinition): Promise<void> {
    await this.queue.ensureQueue(definition.kind, definition);
    // JOB_CONCURRENCY bounds every kind; a kind may ask for fewer parallel runs, and a singleton kind runs one at a
    // time unless it asks otherwise (a run queued behind a running one waits for it).
    const concurrency = Math.min(
      definition.concurrency ?? (definition.singleton ? 1 : this.config.jobConcurrency),
      this.config.jobConcurrency,
    );
    await this.queue.work(definition.kind, Math.max(1, concurrency), (job) => this.execute(definition, job));
  }

  /**
   * Runs a recorded run in this process, once, without the queue (the CLI's commands): a failure is final, a
   * reschedule hands the run to the queue for a worker to finish.
   */
  async executeInline(jobRunId: string): Promise<void> {
    const run = await this.runs.findById(jobRunId);
    const definition = run && this.registry.get(run.kind);
    if (!run || !definition)
      throw new Error(`job run ${jobRunId} (${run?.kind ?? 'unknown kind'}) cannot run here`);
    await this.queue.ensureQueue(definition.kind, definition);
    await this.run(definition, jobRunId, { number: 1, inline: true, retryLimit: 0 });
  }

  /** Resolves when the queue message is done with (success, cancel, reschedule); throws to make pg-boss retry. */
  async execute(definition: ResolvedJobDefinition, job: PgBoss.JobWithMetadata<QueueMessage>): Promise<void> {
    await this.run(definition, job.data.jobRunId, {
      number: job.retryCount + 1,
      inline: false,
      retryLimit: job.retryLimit,
      expireInSeconds: Number(job.expireInSeconds),
    });
  }

  private async run(definition: ResolvedJobDefinition, id: string, attempt: Attempt): Promise<void> {
    const run = await this.runs.markRunning(id, attempt.number);
    if (!run) {
      // Finished meanwhile: nothing to do. Cancelled while no attempt could stop it (its worker died, or it is
      // an attempt after one that timed out): nothing will run it any more, so it ends here.
      if (await this.runs.finishCancelRequested(id))
        this.logger.log(`job ${definition.kind} cancelled before attempt ${attempt.number}`);
      return;
    }
    await requestContext.run({ jobRunId: id, jobKind: definition.kind }, async () => {
      const controller = new AbortController();
      let deadline: NodeJS.Timeout | undefined;
      const poll = setInterval(() => {
        this.runs
          .isCancelRequested(id)
          .then((cancelled) => cancelled && controller.abort())
          .catch(() => undefined);
      }, CANCEL_POLL_MS);
      const context: JobContext<unknown> = {
        jobRunId: id,
        attempt: attempt.number,
        signal: controller.signal,
        checkpoint: run.checkpoint ?? undefined,
        // Once the attempt is over (timed out, or cancelled), a handler that goes on may no longer write: a retry
        // may already own the run's progress and checkpoint.
        progress: async (processed, total) => {
          if (!controller.signal.aborted) {
            const progress = total ? Math.min(1, processed / total) : 0;
            if (await this.runs.recordProgress(id, processed, total ?? null, progress)) controller.abort();
          }
          if (controller.signal.aborted) throw new JobCancelledError();
        },
        saveCheckpoint: async (state) => {
          if (timedOut(controller)) throw controller.signal.reason as Error;
          await this.runs.saveCheckpoint(id, state);
        },
      };
      this.logger.log(`job ${definition.kind} attempt ${attempt.number} started`);
      try {
        const handled = Promise.resolve().then(() => definition.handle(run.payload, context));
        // A handler that ignores its expiry keeps running, unawaited; its late outcome changes nothing.
        handled.catch(() => undefined);
        const limit = attempt.expireInSeconds;
        const result = limit
          ? await Promise.race([
              handled,
              new Promise<never>((_, reject) => {
                // A little before the queue's own expiry, so this worker settles the attempt (retry or fail)
                // before the queue's maintenance could hand the message to another worker.
                deadline = setTimeout(
                  () => {
                    const error = new JobTimeoutError(limit);
                    reject(error);
                    controller.abort(error);
                  },
                  limit * 1000 - Math.min(30_000, limit * 100),
                );
              }),
            ])
          : await handled;
        if ((controller.signal.aborted && !timedOut(controller)) || (await this.runs.isCancelRequested(id))) {
          await this.runs.finish(id, JobStatus.CANCELLED, { result });
        } else {
          await this.runs.finish(id, JobStatus.SUCCEEDED, { result: result ?? null });
          this.logger.log(`job ${definition.kind} succeeded`);
        }
      } catch (error) {
        const cancelled = controller.signal.aborted && !timedOut(controller);
        await this.handleFailure(definition, id, attempt, error, cancelled);
      } finally {
        clearInterval(poll);
        clearTimeout(deadline);
      }
    });
  }

  private async handleFailure(
    definition: ResolvedJobDefinition,
    id: string,
    attempt: Attempt,
    error: unknown,
    aborted: boolean,
  ): Promise<void> {
    const { number, inline } = attempt;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof JobCancelledError || aborted || (await this.runs.isCancelRequested(id))) {
      await this.runs.finish(id, JobStatus.CANCELLED, { error: null });
      this.logger.log(`job ${definition.kind} cancelled`);
      return;
    }
    if (error instanceof JobRescheduleError && !this.stopping) {
      const queueJobId = await this.queue.send(
        definition.kind,
        { jobRunId: id },
        {
          startAfterSeconds: Math.ceil(error.delaySeconds),
        },
      );
      await this.runs.requeue(
        id,
        `rescheduled in ${Math.ceil(error.delaySeconds)} s: ${message}`,
        queueJobId,
      );
      this.logger.warn(`job ${definition.kind} rescheduled in ${error.delaySeconds} s: ${message}`);
      return;
    }
    const final = inline || error instanceof PermanentJobError || number > attempt.retryLimit;
    if (final) {
      await this.runs.finish(id, JobStatus.FAILED, { error: message });
      this.logger.error(`job ${definition.kind} failed after ${number} attempt(s): ${message}`);
      // A permanent or inline failure is final here; an exhausted one goes to the queue's dead letter queue.
      if (inline || error instanceof PermanentJobError) return;
      throw error;
    }
    await this.runs.requeue(id, `attempt ${number} failed: ${message}`);
    this.logger.warn(`job ${definition.kind} attempt ${number} failed, will retry: ${message}`);
    throw error;
  }
}

const timedOut = (controller: AbortController): boolean =>
  controller.signal.reason instanceof JobTimeoutError;
