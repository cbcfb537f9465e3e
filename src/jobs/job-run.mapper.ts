import { JobRunEntity } from './entities/job-run.entity';
import { JobRunModel } from './models/job-run.model';

export function toJobRunModel(run: JobRunEntity): JobRunModel {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    progress: run.progress,
    processed: run.processed,
    total: run.total,
    error: run.error,
    result: run.result ?? null,
    attempts: run.attempts,
    maxAttempts: run.maxAttempts,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
