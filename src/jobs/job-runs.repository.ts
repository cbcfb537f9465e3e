import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { cursorMicrosSql, KeysetCursor, keysetSql } from 'src/common/pagination';
import { JobRunEntity } from './entities/job-run.entity';
import { QueuedRunState } from './job-run-reconciliation';
import { FINISHED_STATUSES, JobStatus } from './job-status';

export interface JobRunFilter {
  kind?: string;
  status?: JobStatus;
}

/** All SQL on `job_run`. Status changes are guarded by the current status so concurrent writers cannot regress. */
@Injectable()
export class JobRunsRepository {
  constructor(@InjectRepository(JobRunEntity) private readonly repo: Repository<JobRunEntity>) {}

  /**
   * Inserts a QUEUED run; returns undefined and inserts nothing when its dedupe key already exists, or when a run
   * with its singleton key is still QUEUED or RUNNING (`uq_job_run_singleton_key`).
   */
  async insertQueued(
    manager: EntityManager,
    run: {
      kind: string;
      payload: Record<string, unknown>;
      maxAttempts: number;
      dedupeKey?: string;
      singletonKey?: string;
      /** Executed by this process without a queue message: its heartbeat starts now. */
      inline?: boolean;
    },
  ): Promise<JobRunEntity | undefined> {
    const rows = await manager.query<JobRunEntity[]>(
      `INSERT INTO job_run (kind, status, payload, max_attempts, dedupe_key, singleton_key, heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::boolean THEN now() END)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        run.kind,
        JobStatus.QUEUED,
        JSON.stringify(run.payload),
        run.maxAttempts,
        run.dedupeKey ?? null,
        run.singletonKey ?? null,
        run.inline ?? false,
      ],
    );
    const id = rows[0]?.id;
    return id ? ((await manager.findOneBy(JobRunEntity, { id })) ?? undefined) : undefined;
  }

  async existsByDedupeKey(manager: EntityManager, dedupeKey: string): Promise<boolean> {
    return manager.exists(JobRunEntity, { where: { dedupeKey } });
  }

  /**
   * A live run with this singleton key, not cancelled: the QUEUED one (`uq_job_run_singleton_key` allows one), or
   * with `orRunning` also a RUNNING one; a QUEUED run comes first.
   */
  async findLiveBySingletonKey(
    manager: EntityManager,
    singletonKey: string,
    orRunning: boolean,
  ): Promise<JobRunEntity | undefined> {
    const statuses = orRunning ? [JobStatus.QUEUED, JobStatus.RUNNING] : [JobStatus.QUEUED];
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM job_run
       WHERE singleton_key = $1 AND status = ANY($2) AND NOT cancel_requested
       ORDER BY status = 'QUEUED' DESC, created_at DESC LIMIT 1`,
      [singletonKey, statuses],
    );
    return rows[0] ? ((await manager.findOneBy(JobRunEntity, { id: rows[0].id })) ?? undefined) : undefined;
  }

  async setQueueJobId(manager: EntityManager, id: string, queueJobId: string): Promise<void> {
    await manager.update(JobRunEntity, { id }, { queueJobId });
  }

  findById(id: string): Promise<JobRunEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<JobRunEntity[]> {
    return this.repo
      .createQueryBuilder('r')
      .where('r.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
  }

  /** Newest first, keyset-paginated; fetches `limit` rows. */
  async list(
    filter: JobRunFilter,
    limit: number,
    after?: KeysetCursor,
  ): Promise<[(JobRunEntity & { cursorMicros: string })[], number]> {
    const base = this.repo.createQueryBuilder('r');
    if (filter.kind) base.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.status) base.andWhere('r.status = :status', { status: filter.status });
    const total = await base.clone().getCount();
    if (after) base.andWhere(keysetSql('r', '<', ':micros', ':id'), { micros: after.micros, id: after.id });
    const { entities, raw } = await base
      .addSelect(cursorMicrosSql('r'), 'cursor_micros')
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit)
      .getRawAndEntities<{ cursor_micros: string }>();
    return [entities.map((e, i) => Object.assign(e, { cursorMicros: raw[i].cursor_micros })), total];
  }

  /** Claims the run for an attempt; undefined when it was cancelled or already finished. */
  async markRunning(id: string, attempt: number): Promise<JobRunEntity | undefined> {
    const [rows] = await this.repo.query<[JobRunEntity[], number]>(
      `UPDATE job_run SET status = $2, attempts = $3, started_at = COALESCE(started_at, now()), updated_at = now()
       WHERE id = $1 AND status IN ($4, $2) AND NOT cancel_requested RETURNING id`,
      [id, JobStatus.RUNNING, attempt, JobStatus.QUEUED],
    );
    return rows.length ? ((await this.findById(id)) ?? undefined) : undefined;
  }

  /** Ends a run whose cancel was requested while it was QUEUED or RUNNING; false when there was none. */
  async finishCancelRequested(id: string): Promise<boolean> {
    const [rows] = await this.repo.query<[unknown[], number]>(
      `UPDATE job_run SET status = $2, finished_at = now(), updated_at = now()
       WHERE id = $1 AND cancel_requested AND status IN ($3, $4) RETURNING id`,
      [id, JobStatus.CANCELLED, JobStatus.QUEUED, JobStatus.RUNNING],
    );
    return rows.length > 0;
  }

  /**
   * Every QUEUED or RUNNING run that has a queue message, with what pg-boss (in `queueSchema`) knows of that
   * message, read in one snapshot: the worker records a run's outcome before it settles the message.
   */
  async findUnfinishedWithQueueState(queueSchema: string): Promise<QueuedRunState[]> {
    // The queue's name is the kind with anything but letters, digits, '_' and '-' replaced (see queueName()).
    const queue = `regexp_replace(r.kind, '[^A-Za-z0-9_-]', '_', 'g')`;
    const rows = await this.repo.query<
      (Omit<QueuedRunState, 'queueError'> & {
        output: { message?: string; value?: { message?: string } } | null;
      })[]
    >(
      `SELECT r.id, r.kind, r.queue_job_id AS "queueJobId", r.cancel_requested AS "cancelRequested", r.attempts,
         COALESCE(j.state, a.state)::text AS "queueState", (j.id IS NULL AND a.id IS NOT NULL) AS archived,
         COALESCE(j.retry_count, a.retry_count) AS "retryCount", COALESCE(j.started_on, a.started_on) AS "startedOn",
         COALESCE(j.output, a.output) AS output
       FROM job_run r
       LEFT JOIN ${queueSchema}.job j ON j.name = ${queue} AND j.id = r.queue_job_id
       LEFT JOIN ${queueSchema}.archive a ON j.id IS NULL AND a.name = ${queue} AND a.id = r.queue_job_id
       WHERE r.status IN ($1, $2) AND r.queue_job_id IS NOT NULL`,
      [JobStatus.QUEUED, JobStatus.RUNNING],
    );
    return rows.map(({ output, ...row }) => ({
      ...row,
      queueError: output?.message ?? output?.value?.message ?? null,
    }));
  }

  /** Ends a run that nothing will finish any more, unless it moved on (another message, an outcome) meanwhile. */
  async finishAbandoned(
    id: string,
    queueJobId: string,
    outcome: { status: JobStatus; error: string | null; attempts: number },
  ): Promise<boolean> {
    const [rows] = await this.repo.query<[unknown[], number]>(
      `UPDATE job_run SET status = $3, error = $4, attempts = GREATEST(attempts, $5),
         finished_at = now(), updated_at = now()
       WHERE id = $1 AND queue_job_id = $2 AND status IN ($6, $7) RETURNING id`,
      [id, queueJobId, outcome.status, outcome.error, outcome.attempts, JobStatus.QUEUED, JobStatus.RUNNING],
    );
    return rows.length > 0;
  }

  /** The inline runs' processes are alive: their heartbeats move to now (database time, so any machine agrees). */
  async heartbeat(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await this.repo.query(
      `UPDATE job_run SET heartbeat_at = now()
       WHERE id = ANY($1) AND status IN ($2, $3) AND queue_job_id IS NULL AND heartbeat_at IS NOT NULL`,
      [[...ids], JobStatus.QUEUED, JobStatus.RUNNING],
    );
  }

  /**
   * Ends inline runs that their process will not finish: `ids` (that process is stopping), or every one whose
   * heartbeat is older than `staleSeconds` (that process died). FAILED with `error`, or CANCELLED when a cancel was
   * requested; the checkpoint stays for a resume. One guarded statement: a run that finished, or that a reschedule
   * handed to the queue meanwhile, is left alone, and processes running it at once end each run once.
   */
  async endInline(
    target: { ids: readonly string[] } | { staleSeconds: number },
    error: string,
  ): Promise<{ id: string; kind: string; status: JobStatus }[]> {
    const [which, value] =
      'ids' in target
        ? ['id = ANY($5)', [...target.ids]]
        : [`heartbeat_at < now() - make_interval(secs => $5)`, target.staleSeconds];
    const [rows] = await this.repo.query<[{ id: string; kind: string; status: JobStatus }[], number]>(
      `UPDATE job_run
       SET status = CASE WHEN cancel_requested THEN $2 ELSE $1 END,
         error = CASE WHEN cancel_requested THEN NULL ELSE $6 END,
         finished_at = now(), updated_at = now()
       WHERE ${which} AND status IN ($3, $4) AND queue_job_id IS NULL AND heartbeat_at IS NOT NULL
       RETURNING id, kind, status`,
      [JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.QUEUED, JobStatus.RUNNING, value, error],
    );
    return rows;
  }

  /**
   * Ends a QUEUED or RUNNING run whose work another run took over (a resume from its checkpoint): FAILED with
   * `error`, and cancel requested so a process still running it stops at its next check. Returns the run as it
   * was before when it ended it; undefined when it had already finished.
   */
  async supersede(
    id: string,
    error: string,
  ): Promise<{ kind: string; queueJobId: string | null } | undefined> {
    const [rows] = await this.repo.query<[{ kind: string; queueJobId: string | null }[], number]>(
      `UPDATE job_run SET status = $2, error = $3, cancel_requested = true, finished_at = now(), updated_at = now()
       WHERE id = $1 AND status IN ($4, $5)
       RETURNING kind, queue_job_id AS "queueJobId"`,
      [id, JobStatus.FAILED, error, JobStatus.QUEUED, JobStatus.RUNNING],
    );
    return rows[0];
  }

  /** Records progress; returns true when a cancel was requested meanwhile. */
  async recordProgress(
    id: string,
    processed: number,
    total: number | null,
    progress: number,
  ): Promise<boolean> {
    const [rows] = await this.repo.query<[{ cancel_requested: boolean }[], number]>(
      `UPDATE job_run SET processed = $2, total = COALESCE($3, total), progress = $4, updated_at = now()
       WHERE id = $1 RETURNING cancel_requested`,
      [id, processed, total, progress],
    );
    return rows[0]?.cancel_requested ?? false;
  }

  async isCancelRequested(id: string): Promise<boolean> {
    const rows = await this.repo.query<{ cancel_requested: boolean }[]>(
      'SELECT cancel_requested FROM job_run WHERE id = $1',
      [id],
    );
    return rows[0]?.cancel_requested ?? false;
  }

  async saveCheckpoint(id: string, state: unknown): Promise<void> {
    await this.repo.query('UPDATE job_run SET checkpoint = $2, updated_at = now() WHERE id = $1', [
      id,
      JSON.stringify(state),
    ]);
  }

  async finish(
    id: string,
    status: JobStatus,
    fields: { result?: unknown; error?: string | null },
  ): Promise<void> {
    await this.repo.query(
      `UPDATE job_run SET status = $2, result = COALESCE($3::jsonb, result), error = $4, finished_at = now(),
         progress = CASE WHEN $2 = '${JobStatus.SUCCEEDED}' THEN 1 ELSE progress END, updated_at = now()
       WHERE id = $1 AND status <> ALL($5)`,
      [
        id,
        status,
        fields.result === undefined ? null : JSON.stringify(fields.result),
        fields.error ?? null,
        FINISHED_STATUSES,
      ],
    );
  }

  /** Back to QUEUED after a failed attempt that will be retried, or a reschedule. */
  async requeue(id: string, error: string | null, queueJobId?: string): Promise<void> {
    await this.repo.query(
      `UPDATE job_run SET status = $2, error = $3, queue_job_id = COALESCE($4, queue_job_id), updated_at = now()
       WHERE id = $1 AND status <> ALL($5)`,
      [id, JobStatus.QUEUED, error, queueJobId ?? null, FINISHED_STATUSES],
    );
  }

  /** Marks a cancel; a QUEUED run is cancelled at once, a RUNNING one when its handler next checks. */
  async requestCancel(id: string): Promise<JobRunEntity | undefined> {
    const [rows] = await this.repo.query<[{ id: string }[], number]>(
      `UPDATE job_run SET cancel_requested = true,
         status = CASE WHEN status = $2 THEN $3 ELSE status END,
         finished_at = CASE WHEN status = $2 THEN now() ELSE finished_at END, updated_at = now()
       WHERE id = $1 AND status <> ALL($4) RETURNING id`,
      [id, JobStatus.QUEUED, JobStatus.CANCELLED, FINISHED_STATUSES],
    );
    return rows.length ? ((await this.findById(id)) ?? undefined) : undefined;
  }

  async countsByKindAndStatus(): Promise<{ kind: string; status: JobStatus; count: number }[]> {
    const rows = await this.repo.query<{ kind: string; status: JobStatus; count: string }[]>(
      'SELECT kind, status, count(*) AS count FROM job_run GROUP BY kind, status',
    );
    return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
  }

  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const [, count] = await this.repo.query<[unknown[], number]>(
      'DELETE FROM job_run WHERE status = ANY($1) AND finished_at < $2',
      [FINISHED_STATUSES, cutoff],
    );
    return count;
  }
}
