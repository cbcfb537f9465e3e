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
  /** Parallel runs of this kind per worker process, at most `JOB_CONCURRENCY` (default: `JOB_CONCURRENCY`). */
  concurrency?: number;
  /**
   * At most one QUEUED or RUNNING run of this kind (per key, when a function of the payload gives one): enqueueing
   * while one exists returns that run instead of starting a second (a schedule tick skips).
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
