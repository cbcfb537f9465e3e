/** What a handler may do while it runs. */
export interface JobContext<C = unknown> {
  jobRunId: string;
  /** 1 on the first attempt. */
  attempt: number;
  /** Aborted when the run is cancelled; long loops should check it (progress() also throws once cancelled). */
  signal: AbortSignal;
  /** Records processed/total (and progress = processed/total); throws `JobCancelledError` after a cancel. */
  progress(processed: number, total?: number): Promise<void>;
  /** The state saved by the last `saveCheckpoint` of this run (survives retries and crashes). */
  checkpoint: C | undefined;
  saveCheckpoint(state: C): Promise<void>;
}

export interface JobDefinition<P = Record<string, unknown>, R = unknown, C = unknown> {
  /** Stable name, e.g. `catalog.auto-link`; also the queue name. */
  kind: string;
  /** Attempts after the first one for errors that may pass (default 3). */
  retryLimit?: number;
  /** First retry delay; doubles each attempt (default 5 s). */
  retryDelaySeconds?: number;
  /** How long one attempt may run before the queue assumes it died (default 1 h). */
  expireInSeconds?: number;
  /**
   * Parallel runs of this kind per worker process, at most `JOB_CONCURRENCY` (default: `JOB_CONCURRENCY`, or 1 for
   * a singleton kind, so a run queued behind a running one waits for it in this process).
   */
  concurrency?: number;
  /**
   * One run per key at a time (the kind, or the key a function of the payload gives: put in it what makes two
   * requests the same work). Enqueueing while a run of that key is QUEUED returns that run (it has not started, so
   * it will see everything); while one is only RUNNING a new run is queued behind it, except for a schedule tick,
   * which is skipped.
   */
  singleton?: boolean | ((payload: P) => string);
  handle(payload: P, context: JobContext<C>): Promise<R>;
}

/** Thrown by a handler (or what it calls) to run again later instead of sleeping, e.g. a long rate-limit wait. */
export class JobRescheduleError extends Error {
  constructor(
    readonly delaySeconds: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'JobRescheduleError';
  }
}

/** A failure that retrying cannot fix (bad input, a permanent upstream refusal): fails the run at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export class JobCancelledError extends Error {
  constructor() {
    super('the job was cancelled');
    this.name = 'JobCancelledError';
  }
}
