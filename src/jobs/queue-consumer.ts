import type PgBoss from 'pg-boss';

export type QueueJob<T> = PgBoss.JobWithMetadata<T>;

/** Settles the handler's message once the handler resolves (complete) or throws (fail, so pg-boss retries). */
export type QueueJobHandler<T> = (job: QueueJob<T>) => Promise<void>;

/** A handler that outlives its message's expiry by this much is given up on (the worker times runs out itself). */
const EXPIRY_GRACE_MS = 30_000;

/**
 * Runs up to `concurrency` jobs of one queue at once with a single poller. pg-boss 10's `work()` fetches a batch and
 * waits for all of it before fetching again, so one long job would hold every slot; here a slot is refilled as soon
 * as its job settles, and an idle queue costs one fetch per polling interval however high the concurrency.
 */
export class QueueConsumer<T> {
  private readonly active = new Map<string, Promise<void>>();
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A slot freed while the loop was not asleep (fetching): its next sleep returns at once. */
  private woken = false;

  constructor(
    private readonly boss: PgBoss,
    readonly queue: string,
    private readonly concurrency: number,
    private readonly handler: QueueJobHandler<T>,
    private readonly onError: (error: Error) => void,
    private readonly pollMs = 500,
  ) {}

  start(): void {
    this.loop ??= this.poll();
  }

  /** Stops fetching, waits up to `timeoutMs` for running jobs, then fails those still running (pg-boss retries). */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.wakeUp();
    await this.loop;
    if (this.active.size) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(this.active.values()),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    for (const id of this.active.keys()) {
      await this.boss
        .fail(this.queue, id, { message: 'the worker shut down while the job was running' })
        .catch((error: Error) => this.onError(error));
    }
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      const free = this.concurrency - this.active.size;
      if (free > 0) {
        try {
          const jobs = await this.boss.fetch<T>(this.queue, { batchSize: free, includeMetadata: true });
          for (const job of jobs) this.track(job);
        } catch (error) {
          this.onError(error as Error);
        }
      }
      // A slot that frees wakes the loop early, so a queue with a backlog refills at once.
      if (!this.stopping) await this.sleep();
    }
  }

  private track(job: QueueJob<T>): void {
    const done = this.process(job).finally(() => {
      this.active.delete(job.id);
      this.wakeUp();
    });
    this.active.set(job.id, done);
  }

  private async process(job: QueueJob<T>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const limitMs = Number(job.expireInSeconds) * 1000 + EXPIRY_GRACE_MS;
      await Promise.race([
        this.handler(job),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`handler execution exceeded ${limitMs} ms`)), limitMs);
          // A hung handler must not keep a stopping process alive.
          timer.unref();
        }),
      ]);
      await this.boss.complete(this.queue, job.id);
    } catch (error) {
      await this.boss.fail(this.queue, job.id, error as object).catch((e: Error) => this.onError(e));
    } finally {
      clearTimeout(timer);
    }
  }

  private wakeUp(): void {
    if (this.wake) this.wake();
    else this.woken = true;
  }

  /** Waits one polling interval, or less when a slot frees (now or since the last sleep) or the consumer stops. */
  private sleep(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wake = done;
    });
  }
}
