import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { cursorMicrosSql, KeysetCursor, keysetSql } from 'src/common/pagination';
import { JobRunEntity } from './entities/job-run.entity';
import { FINISHED_STATUSES, JobStatus } from './job-status';

export interface JobRunFilter {
  kind?: string;
  status?: JobStatus;
}

/** All SQL on `job_run`. Status changes are guarded by the current status so concurrent writers cannot regress. */
@Injectable()
export class JobRunsRepository {
  constructor(@InjectRepository(JobRunEntity) private readonly repo: Repository<JobRunEntity>) {}

  /** Inserts a QUEUED run; with a dedupe key that already exists, returns undefined and inserts nothing. */
  async insertQueued(
    manager: EntityManager,
    run: { kind: string; payload: Record<string, unknown>; maxAttempts: number; dedupeKey?: string },
  ): Promise<JobRunEntity | undefined> {
    const rows = await manager.query<JobRunEntity[]>(
      `INSERT INTO job_run (kind, status, payload, max_attempts, dedupe_key)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [run.kind, JobStatus.QUEUED, JSON.stringify(run.payload), run.maxAttempts, run.dedupeKey ?? null],
    );
    const id = rows[0]?.id;
    return id ? ((await manager.findOneBy(JobRunEntity, { id })) ?? undefined) : undefined;
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
