import { JobRegistry } from '../../src/jobs/job-registry';
import { JobsService } from '../../src/jobs/jobs.service';
import type { TestApp } from '../support/test-app';

const registered = new WeakSet<JobRegistry>();
export const IDLE_JOB_KIND = 'test.idle';

/**
 * Queued job runs created through the real JobsService. They start an hour from now, so they stay QUEUED for the
 * length of a test; returns them oldest first.
 */
export async function createQueuedJobRuns(
  app: TestApp,
  count: number,
  payload: Record<string, unknown> = {},
) {
  const registry = app.app.get(JobRegistry);
  if (!registered.has(registry)) {
    registry.register({ kind: IDLE_JOB_KIND, handle: () => Promise.resolve(null) });
    registered.add(registry);
  }
  const jobs = app.app.get(JobsService);
  const runs = [];
  for (let i = 0; i < count; i++) {
    const run = await jobs.enqueue(IDLE_JOB_KIND, { ...payload, i }, { startAfterSeconds: 3600 });
    runs.push(run!);
  }
  return runs;
}
