import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError, NotFoundError } from 'src/common/domain-errors';
import { KeysetCursor } from 'src/common/pagination';
import { JobRunEntity } from './entities/job-run.entity';
import { JobQueue } from './job-queue.service';
import { JobRegistry } from './job-registry';
import { INLINE_HEARTBEAT_SECONDS } from './job-run-reconciliation';
import { JobRunFilter, JobRunsRepository } from './job-runs.repository';
import { JobStatus } from './job-status';
import { JobWorker } from './job-worker.service';

/** An enqueued run; `reused` when the kind is a singleton and this is the run that was already QUEUED or RUNNING. */
export type EnqueuedRun = JobRunEntity & { reused?: boolean };

export interface EnqueueOptions {
  /** Work that must happen once per key: a second enqueue with the same key returns undefined. */
  dedupeKey?: string;
  startAfterSeconds?: number;
  /**
   * For a singleton kind: also return (start nothing) when a run with the same key is RUNNING, not only QUEUED.
   * Schedules ask for this: a tick while the last run still works is skipped. A request (a mutation, new data to
   * process) does not: the running run may have passed what the request is about, so a new run waits behind it.
   */
  skipIfRunning?: boolean;
}

/** The public face of the jobs module: other modules enqueue, read and cancel runs through it. */
@Injectable()
export class JobsService implements OnModuleDestroy {
  /** Inline runs this process created and has not finished running: they get its heartbeat. */
  private readonly inline = new Set<string>();
  private heartbeat?: NodeJS.Timeout;
  /** Set by `endInlineRuns`: the process is stopping and starts no inline run any more. */
  private stopping = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly queue: JobQueue,
    private readonly runs: JobRunsRepository,
    private readonly worker: JobWorker,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Records a QUEUED run and its queue message in one transaction, so neither exists without the other. Returns
   * undefined when the dedupe key was used before; for a singleton kind with a run of the same key still QUEUED (or
   * RUNNING, with `skipIfRunning`), returns that run (`reused`) and starts nothing.
   */
  async enqueue(
    kind: string,
    payload: Record<string, unknown> = {},
    options: EnqueueOptions = {},
  ): Promise<EnqueuedRun | undefined> {
    const definition = this.registry.get(kind);
    if (!definition) throw new Error(`unknown job kind ${kind}`);
    const singleton = definition.singleton;
    const singletonKey =
      typeof singleton === 'function' ? `${kind}:${singleton(payload)}` : singleton ? kind : undefined;
    await this.queue.ensureQueue(kind, definition);
    return this.dataSource.transaction(async (manager) => {
      if (singletonKey && options.skipIfRunning) {
        const live = await this.runs.findLiveBySingletonKey(manager, singletonKey, true);
        if (live) return Object.assign(live, { reused: true });
      }
      const run = await this.insertOrFindLive(manager, {
        kind,
        payload,
        maxAttempts: definition.retryLimit + 1,
        dedupeKey: options.dedupeKey,
        singletonKey,
      });
      if (!run || run.reused) return run;
      const queueJobId = await this.queue.send(
        kind,
        { jobRunId: run.id },
        {
          startAfterSeconds: options.startAfterSeconds,
          executor: async (text, values) => {
            const result = await manager.queryRunner!.query(text, values, true);
            return (result.records ?? []) as unknown[];
          },
        },
      );
      await this.runs.setQueueJobId(manager, run.id, queueJobId);
      return Object.assign(run, { queueJobId });
    });
  }

  private async insertOrFindLive(
    manager: EntityManager,
    row: Parameters<JobRunsRepository['insertQueued']>[1],
  ): Promise<EnqueuedRun | undefined> {
    // A singleton's live run may finish between the refused insert and the look-up: then insert again.
    for (let tries = 1; ; tries++) {
      const run = await this.runs.insertQueued(manager, row);
      if (run) return run;
      if (row.dedupeKey && (await this.runs.existsByDedupeKey(manager, row.dedupeKey))) return undefined;
      const live =
        row.singletonKey && (await this.runs.findLiveBySingletonKey(manager, row.singletonKey, false));
      if (live) return Object.assign(live, { reused: true });
      if (tries >= 3)
        throw new Error(`job ${row.kind} could not be enqueued: its singleton run keeps changing`);
    }
  }

  onModuleDestroy(): void {
    this.stopHeartbeat();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /**
   * Records a run that this process will execute itself (`runInline`), without a queue message. Until `runInline`
   * settles, this process renews the run's heartbeat every INLINE_HEARTBEAT_SECONDS: no queue watches such a run,
   * so a worker's reconciliation ends it once the heartbeat is stale (the process died).
   */
  async createInline(kind: string, payload: Record<string, unknown> = {}): Promise<JobRunEntity> {
    const definition = this.registry.get(kind);
    if (!definition) throw new Error(`unknown job kind ${kind}`);
    if (this.stopping) throw new Error(`job ${kind} not started: this process is stopping`);
    const run = await this.dataSource.transaction((manager) =>
      this.runs.insertQueued(manager, { kind, payload, maxAttempts: 1, inline: true }),
    );
    this.inline.add(run!.id);
    this.heartbeat ??= setInterval(() => {
      this.runs.heartbeat([...this.inline]).catch(() => undefined);
    }, INLINE_HEARTBEAT_SECONDS * 1000).unref();
    return run!;
  }

  /** Executes a run made by `createInline` in this process; resolves with the finished (or rescheduled) run. */
  async runInline(id: string): Promise<JobRunEntity> {
    try {
      await this.worker.executeInline(id);
    } finally {
      this.inline.delete(id);
      if (!this.inline.size) this.stopHeartbeat();
    }
    return (await this.runs.findById(id))!;
  }

  /**
   * Ends the inline runs of this process that have not finished, because the process is stopping (the CLI on
   * SIGINT/SIGTERM): FAILED with `error` (CANCELLED if a cancel was requested), checkpoints kept for a resume.
   */
  async endInlineRuns(error: string): Promise<JobRunEntity[]> {
    this.stopping = true;
    const ended = await this.runs.endInline({ ids: [...this.inline] }, error);
    return this.runs.findByIds(ended.map((run) => run.id));
  }

  /**
   * Ends a QUEUED or RUNNING run whose work the run `byId` has taken over (a resume from its checkpoint) instead of
   * leaving it live for ever: FAILED, naming `byId`, with a cancel requested so that a process still running it
   * stops. False when it had already finished.
   */
  async supersede(id: string, byId: string, reason: string): Promise<boolean> {
    const run = await this.runs.supersede(id, `superseded by job run ${byId}: ${reason}`);
    if (run?.queueJobId) await this.queue.cancel(run.kind, run.queueJobId).catch(() => undefined);
    return run !== undefined;
  }

  /** Like `enqueue` without a dedupe key: returns the new run (or a singleton kind's live run). */
  async start(kind: string, payload: Record<string, unknown> = {}): Promise<EnqueuedRun> {
    const run = await this.enqueue(kind, payload);
    if (!run) throw new Error(`job ${kind} was not enqueued`);
    return run;
  }

  get(id: string): Promise<JobRunEntity | null> {
    return this.runs.findById(id);
  }

  getMany(ids: readonly string[]): Promise<JobRunEntity[]> {
    return this.runs.findByIds(ids);
  }

  list(filter: JobRunFilter, limit: number, after?: KeysetCursor) {
    return this.runs.list(filter, limit, after);
  }

  async cancel(id: string): Promise<JobRunEntity> {
    const existing = await this.runs.findById(id);
    if (!existing) throw new NotFoundError('JobRun', id);
    const run = await this.runs.requestCancel(id);
    if (!run) throw new BadUserInputError('id', `job run ${id} has already finished (${existing.status})`);
    if (run.status === JobStatus.CANCELLED && run.queueJobId) {
      await this.queue.cancel(run.kind, run.queueJobId).catch(() => undefined);
    }
    return run;
  }

  /** Polls until the run finishes (CLI and tests); returns the finished run. */
  async waitFor(id: string, options: { timeoutMs?: number; onProgress?: (run: JobRunEntity) => void } = {}) {
    const deadline = Date.now() + (options.timeoutMs ?? 24 * 3600_000);
    for (;;) {
      const run = await this.runs.findById(id);
      if (!run) throw new NotFoundError('JobRun', id);
      options.onProgress?.(run);
      if ([JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED].includes(run.status)) return run;
      if (Date.now() > deadline)
        throw new Error(`job run ${id} did not finish in time (status ${run.status})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  countsByKindAndStatus() {
    return this.runs.countsByKindAndStatus();
  }
}
