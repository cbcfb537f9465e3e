import type PgBoss from 'pg-boss';
import { JobRegistry } from '../src/jobs/job-registry';
import { JobsService } from '../src/jobs/jobs.service';
import { JobRescheduleError, PermanentJobError } from '../src/jobs/job-definition';
import { deadLetterQueueName, JobQueue, queueName } from '../src/jobs/job-queue.service';
import { JobRunReconciler } from '../src/jobs/job-run-reconciler.service';
import { INLINE_STALE_SECONDS } from '../src/jobs/job-run-reconciliation';
import { JobRunsRepository } from '../src/jobs/job-runs.repository';
import { JobScheduler } from '../src/jobs/job-scheduler.service';
import { createQueuedJobRuns, IDLE_JOB_KIND } from './factories/job-run.factory';
import { adminQueryIn as queryDatabase, createTestApp, TestApp } from './support/test-app';

const JOB_FIELDS =
  'id kind status progress processed total error result attempts createdAt startedAt finishedAt';

describe('jobs', () => {
  let app: TestApp;
  let jobs: JobsService;
  let registry: JobRegistry;

  let boss: PgBoss;
  // Handlers that hang until the end of the file (a hung handler is never awaited again, so it must end somewhere).
  let releaseHung!: () => void;
  const hung = new Promise<void>((resolve) => (releaseHung = resolve));

  beforeAll(async () => {
    app = await createTestApp({ JOB_CONCURRENCY: '2' });
    jobs = app.app.get(JobsService);
    registry = app.app.get(JobRegistry);
    boss = await app.app.get(JobQueue).start();
  });
  afterAll(async () => {
    releaseHung();
    await app?.close();
  });

  const jobRun = async (id: string) =>
    (
      await app.gql<{ jobRun: Record<string, unknown> }>(
        `query($id: ID!) { jobRun(id: $id) { ${JOB_FIELDS} } }`,
        { id },
      )
    ).data?.jobRun;

  it('runs a job to SUCCEEDED with its result and progress', async () => {
    registry.register<{ n: number }, { doubled: number }, never>({
      kind: 'test.succeed',
      handle: async ({ n }, ctx) => {
        await ctx.progress(1, 2);
        await ctx.progress(2, 2);
        return { doubled: n * 2 };
      },
    });
    const run = await jobs.start('test.succeed', { n: 21 });
    expect(run.status).toBe('QUEUED');
    await jobs.waitFor(run.id, { timeoutMs: 15_000 });
    expect(await jobRun(run.id)).toMatchObject({
      kind: 'test.succeed',
      status: 'SUCCEEDED',
      progress: 1,
      processed: 2,
      total: 2,
      error: null,
      result: { doubled: 42 },
      attempts: 1,
    });
  });

  it('retries a failed attempt with backoff and then succeeds', async () => {
    let calls = 0;
    registry.register({
      kind: 'test.flaky',
      retryDelaySeconds: 1,
      handle: () => {
        calls++;
        if (calls === 1) return Promise.reject(new Error('upstream hiccup'));
        return Promise.resolve({ calls });
      },
    });
    const run = await jobs.start('test.flaky');
    const done = await jobs.waitFor(run.id, { timeoutMs: 20_000 });
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 2, error: null, result: { calls: 2 } });
  });

  it('ends FAILED with the error recorded once retries are exhausted, and dead-letters the message', async () => {
    let calls = 0;
    registry.register({
      kind: 'test.broken',
      retryLimit: 1,
      retryDelaySeconds: 1,
      handle: () => {
        calls++;
        return Promise.reject(new Error(`broken #${calls}`));
      },
    });
    const run = await jobs.start('test.broken');
    const done = await jobs.waitFor(run.id, { timeoutMs: 20_000 });
    expect(done).toMatchObject({ status: 'FAILED', attempts: 2, error: 'broken #2' });
    expect(calls).toBe(2);
    const dbName = new URL(app.databaseUrl).pathname.slice(1);
    let dead: unknown[] = [];
    for (let i = 0; i < 20 && dead.length === 0; i++) {
      dead = await adminQueryIn(dbName, "SELECT id FROM pgboss.job WHERE name = 'test_broken__dead'");
      if (!dead.length) await new Promise((r) => setTimeout(r, 250));
    }
    expect(dead).toHaveLength(1);
  });

  it('fails a permanent error at once, without retrying', async () => {
    let calls = 0;
    registry.register({
      kind: 'test.permanent',
      handle: () => {
        calls++;
        return Promise.reject(new PermanentJobError('the input file has no header'));
      },
    });
    const done = await jobs.waitFor((await jobs.start('test.permanent')).id, { timeoutMs: 15_000 });
    expect(done).toMatchObject({ status: 'FAILED', attempts: 1, error: 'the input file has no header' });
    expect(calls).toBe(1);
  });

  it('reschedules instead of sleeping, without spending an attempt on it', async () => {
    let calls = 0;
    registry.register({
      kind: 'test.reschedule',
      retryLimit: 0,
      handle: () => {
        calls++;
        if (calls === 1) return Promise.reject(new JobRescheduleError(1, 'rate limited for 1 s'));
        return Promise.resolve({ calls });
      },
    });
    const run = await jobs.start('test.reschedule');
    const done = await jobs.waitFor(run.id, { timeoutMs: 15_000 });
    expect(done).toMatchObject({ status: 'SUCCEEDED', result: { calls: 2 } });
  });

  it('keeps a checkpoint across attempts so a retry resumes', async () => {
    const seen: unknown[] = [];
    registry.register<Record<string, never>, { resumedFrom: unknown }, { chunk: number }>({
      kind: 'test.resume',
      retryDelaySeconds: 1,
      handle: async (_payload, ctx) => {
        seen.push(ctx.checkpoint);
        if (!ctx.checkpoint) {
          await ctx.saveCheckpoint({ chunk: 3 });
          throw new Error('crashed after chunk 3');
        }
        return { resumedFrom: ctx.checkpoint };
      },
    });
    const done = await jobs.waitFor((await jobs.start('test.resume')).id, { timeoutMs: 20_000 });
    expect(done.result).toEqual({ resumedFrom: { chunk: 3 } });
    expect(seen).toEqual([undefined, { chunk: 3 }]);
  });

  it('cancels a queued job before it runs', async () => {
    let calls = 0;
    registry.register({
      kind: 'test.later',
      handle: () => {
        calls++;
        return Promise.resolve(null);
      },
    });
    const run = await jobs.enqueue('test.later', {}, { startAfterSeconds: 60 });
    const res = await app.gql<{ cancelJob: { status: string } }>(
      'mutation($id: ID!) { cancelJob(id: $id) { status finishedAt } }',
      { id: run!.id },
    );
    expect(res.data?.cancelJob.status).toBe('CANCELLED');
    const again = await app.gql('mutation($id: ID!) { cancelJob(id: $id) { status } }', { id: run!.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(calls).toBe(0);
  });

  it('cancels a running job at its next progress report', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let stoppedAt = -1;
    registry.register({
      kind: 'test.long',
      handle: async (_payload, ctx) => {
        started();
        for (let i = 0; i < 600; i++) {
          try {
            await ctx.progress(i, 600);
          } catch (error) {
            stoppedAt = i;
            throw error;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        return { finished: true };
      },
    });
    const run = await jobs.start('test.long');
    await running;
    await app.gql('mutation($id: ID!) { cancelJob(id: $id) { status } }', { id: run.id });
    const done = await jobs.waitFor(run.id, { timeoutMs: 10_000 });
    expect(done.status).toBe('CANCELLED');
    expect(done.result).toBeNull();
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(600);
  });

  it('lists runs newest first with filters and cursors', async () => {
    const ids = (await createQueuedJobRuns(app, 3)).map((r) => r.id);
    const query = `query($after: String) { jobRuns(kind: "${IDLE_JOB_KIND}", status: QUEUED, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
    type Page = {
      jobRuns: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string } }[];
      };
    };
    const first = (await app.gql<Page>(query)).data!.jobRuns;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await app.gql<Page>(query, { after: first.pageInfo.endCursor })).data!.jobRuns;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const seen = [...first.edges, ...second.edges].map((e) => e.node.id);
    expect(seen).toEqual([...ids].reverse());
  });

  it('answers null for an unknown run', async () => {
    expect(await jobRun('9b2f7c1e-0000-4000-8000-000000000000')).toBeNull();
  });

  it('rejects a malformed id as BAD_USER_INPUT naming id, in jobRun and cancelJob', async () => {
    const read = await app.gql('query { jobRun(id: "not-a-uuid") { id } }');
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const cancel = await app.gql('mutation { cancelJob(id: "42") { id } }');
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('runs JOB_CONCURRENCY runs of one kind at once in a worker process', async () => {
    const started: string[] = [];
    let bothStarted!: () => void;
    const both = new Promise<void>((resolve) => (bothStarted = resolve));
    registry.register<{ n: number }, { n: number }, never>({
      kind: 'test.parallel',
      handle: async ({ n }, ctx) => {
        started.push(ctx.jobRunId);
        if (started.length === 2) bothStarted();
        await both; // neither finishes before the other has started
        return { n };
      },
    });
    const runs = [await jobs.start('test.parallel', { n: 1 }), await jobs.start('test.parallel', { n: 2 })];
    const done = await Promise.all(runs.map((run) => jobs.waitFor(run.id, { timeoutMs: 20_000 })));
    expect(done.map((run) => run.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect([...started].sort()).toEqual(runs.map((run) => run.id).sort());
  });

  it('fails a run whose last attempt runs past its expiry, with that error, although its handler never returns', async () => {
    let calls = 0;
    registry.register({
      kind: 'test.hang',
      expireInSeconds: 1,
      retryLimit: 1,
      retryDelaySeconds: 1,
      handle: async () => {
        calls++;
        await hung;
        return { late: true };
      },
    });
    const run = await jobs.start('test.hang');
    const done = await jobs.waitFor(run.id, { timeoutMs: 30_000 });
    expect(done).toMatchObject({
      status: 'FAILED',
      attempts: 2,
      error: 'the attempt ran longer than its 1 s limit',
    });
    expect(calls).toBe(2);
  });

  /** A worker that fetched the message, marked the run RUNNING and died: pg-boss expires its message later. */
  const crashedWorkerTakes = async (kind: string) => {
    const run = (await jobs.enqueue(kind, {}, { startAfterSeconds: 3600 }))!;
    const [message] = await boss.fetch(queueName(kind), { ignoreStartAfter: true });
    expect(message?.id).toBe(run.queueJobId);
    await app.app.get(JobRunsRepository).markRunning(run.id, 1);
    return run;
  };
  /** pg-boss's maintenance, as it runs every few minutes: messages active past their expiry fail (or retry). */
  const expireUntil = async (kind: string, id: string, states: string[]) => {
    for (let i = 0; i < 40; i++) {
      await boss.expire();
      const message = await boss.getJobById(queueName(kind), id);
      if (message && states.includes(message.state)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the message of ${kind} did not reach ${states.join('/')}`);
  };

  it("fails a run whose worker died on its last attempt once pg-boss has expired the worker's message", async () => {
    registry.register({
      kind: 'test.crash',
      expireInSeconds: 1,
      retryLimit: 0,
      handle: () => Promise.resolve(),
    });
    const run = await crashedWorkerTakes('test.crash');
    await expireUntil('test.crash', run.queueJobId!, ['failed']);
    const dead = await adminQueryIn(
      new URL(app.databaseUrl).pathname.slice(1),
      `SELECT id FROM pgboss.job WHERE name = '${deadLetterQueueName('test.crash')}'`,
    );
    expect(dead).toHaveLength(1);
    expect((await jobs.get(run.id))?.status).toBe('RUNNING'); // pg-boss alone leaves the run RUNNING

    expect(await app.app.get(JobRunReconciler).reconcile()).toBeGreaterThanOrEqual(1);
    expect(await jobRun(run.id)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      error: 'worker stopped or timed out after 1 attempt (job failed by timeout in active state)',
    });
    expect(await app.app.get(JobRunReconciler).reconcile()).toBe(0);
  });

  it('fails a run whose queue message is gone', async () => {
    registry.register({ kind: 'test.gone', handle: () => Promise.resolve() });
    const run = (await jobs.enqueue('test.gone', {}, { startAfterSeconds: 3600 }))!;
    await boss.deleteJob(queueName('test.gone'), run.queueJobId!);
    await app.app.get(JobRunReconciler).reconcile();
    expect(await jobs.get(run.id)).toMatchObject({
      status: 'FAILED',
      error: 'the job queue no longer has this run',
    });
  });

  it('cancels a run cancelled while its worker was dead when the retry comes, instead of running it', async () => {
    let calls = 0;
    registry.register({
      kind: 'test.cancel-dead',
      expireInSeconds: 1,
      retryLimit: 1,
      retryDelaySeconds: 1,
      handle: () => {
        calls++;
        return Promise.resolve();
      },
    });
    const run = await crashedWorkerTakes('test.cancel-dead');
    const res = await app.gql<{ cancelJob: { status: string } }>(
      'mutation($id: ID!) { cancelJob(id: $id) { status } }',
      { id: run.id },
    );
    expect(res.data?.cancelJob.status).toBe('RUNNING'); // stops at its next check, which never comes
    await expireUntil('test.cancel-dead', run.queueJobId!, ['retry', 'completed']);
    const done = await jobs.waitFor(run.id, { timeoutMs: 20_000 });
    expect(done.status).toBe('CANCELLED');
    expect(calls).toBe(0);
  });

  it('cancels a cancel-requested run whose message waits for a retry, and the message with it', async () => {
    registry.register({
      kind: 'test.cancel-waiting',
      expireInSeconds: 1,
      retryLimit: 1,
      retryDelaySeconds: 3600,
      handle: () => Promise.resolve(),
    });
    const run = await crashedWorkerTakes('test.cancel-waiting');
    await app.gql('mutation($id: ID!) { cancelJob(id: $id) { status } }', { id: run.id });
    await expireUntil('test.cancel-waiting', run.queueJobId!, ['retry']);
    await app.app.get(JobRunReconciler).reconcile();
    expect((await jobs.get(run.id))?.status).toBe('CANCELLED');
    expect((await boss.getJobById(queueName('test.cancel-waiting'), run.queueJobId!))?.state).toBe(
      'cancelled',
    );
  });

  it("writes a kind's changed retry options to a queue created before, so its runs get the retries", async () => {
    // as an older release created it: no retries
    await boss.createQueue(deadLetterQueueName('test.resynced'), {
      name: deadLetterQueueName('test.resynced'),
    });
    await boss.createQueue(queueName('test.resynced'), {
      name: queueName('test.resynced'),
      retryLimit: 0,
      deadLetter: deadLetterQueueName('test.resynced'),
    });
    let calls = 0;
    registry.register({
      kind: 'test.resynced',
      retryLimit: 2,
      retryDelaySeconds: 1,
      handle: () => {
        calls++;
        return calls < 3 ? Promise.reject(new Error(`flaky #${calls}`)) : Promise.resolve({ calls });
      },
    });
    const done = await jobs.waitFor((await jobs.start('test.resynced')).id, { timeoutMs: 30_000 });
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 3, result: { calls: 3 } });
    expect(await boss.getQueue(queueName('test.resynced'))).toMatchObject({ retryLimit: 2 });
  });

  it('keeps one waiting run of a singleton kind; a run queued behind a running one waits; a tick then skips', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let calls = 0;
    registry.register({
      kind: 'test.singleton',
      singleton: true,
      handle: async () => {
        calls++;
        started();
        await gate;
        return { call: calls };
      },
    });
    // while a run waits, asking again gets that run: it has not started, so it will see everything
    const waiting = (await jobs.enqueue('test.singleton', {}, { startAfterSeconds: 3600 }))!;
    expect(await jobs.start('test.singleton', { other: 'payload' })).toMatchObject({
      id: waiting.id,
      reused: true,
    });
    await jobs.cancel(waiting.id);

    const first = await jobs.start('test.singleton');
    await running;
    // while it runs, a request queues a new run (the running one may be past what the request is about) ...
    const second = await jobs.start('test.singleton');
    expect(second.id).not.toBe(first.id);
    expect(second.reused).toBeUndefined();
    expect(await jobs.start('test.singleton')).toMatchObject({ id: second.id, reused: true });
    // ... and a schedule tick is skipped
    await app.app
      .get(JobScheduler)
      .tick({ name: 'test-singleton-tick', cron: '0 3 * * *', kind: 'test.singleton' }, Date.now());
    const metrics = (await app.http().get('/metrics')).text;
    expect(metrics).toMatch(
      /soundgraph_schedule_ticks_total\{schedule="test-singleton-tick",outcome="skipped"\} 1/,
    );
    expect((await jobs.list({ kind: 'test.singleton' }, 10))[1]).toBe(3);

    // the queued run waits for the running one (a singleton kind runs one at a time per process)
    const status = await app.gql<{ jobRun: { status: string } }>(
      'query($id: ID!) { jobRun(id: $id) { status } }',
      {
        id: second.id,
      },
    );
    expect(status.data?.jobRun.status).toBe('QUEUED');
    expect(calls).toBe(1);
    release();
    expect(await jobs.waitFor(first.id, { timeoutMs: 15_000 })).toMatchObject({ status: 'SUCCEEDED' });
    expect(await jobs.waitFor(second.id, { timeoutMs: 15_000 })).toMatchObject({
      status: 'SUCCEEDED',
      result: { call: 2 },
    });
  });

  it('keeps one live run per payload key for a keyed singleton kind', async () => {
    registry.register<{ artist: string }, null, never>({
      kind: 'test.singleton-keyed',
      singleton: ({ artist }) => artist,
      handle: () => Promise.resolve(null),
    });
    const a = (await jobs.enqueue('test.singleton-keyed', { artist: 'a' }, { startAfterSeconds: 3600 }))!;
    const b = (await jobs.enqueue('test.singleton-keyed', { artist: 'b' }, { startAfterSeconds: 3600 }))!;
    expect(b.id).not.toBe(a.id);
    expect((await jobs.start('test.singleton-keyed', { artist: 'a' })).id).toBe(a.id);
    // a cancelled run no longer holds its key
    await jobs.cancel(a.id);
    const again = await jobs.start('test.singleton-keyed', { artist: 'a' });
    expect(again.id).not.toBe(a.id);
    await jobs.waitFor(again.id, { timeoutMs: 15_000 });
    await jobs.cancel(b.id);
  });

  describe('inline runs (executed by their own process, without a queue message)', () => {
    /** Inline runs as a CLI process that then died left them: last heartbeat `heartbeatAgo` ago. */
    const orphans = async (
      rows: { status: 'QUEUED' | 'RUNNING'; heartbeatAgo: string; cancelRequested?: boolean }[],
    ) => {
      const ids: string[] = [];
      for (const row of rows) {
        const [inserted] = await queryDatabase<{ id: string }>(
          app.databaseUrl,
          `INSERT INTO job_run (kind, status, payload, max_attempts, attempts, checkpoint, cancel_requested,
             started_at, heartbeat_at)
           VALUES ('test.inline', $1, '{}', 1, 1, '{"at": 3}', $2, now() - interval '1 hour',
             now() - $3::interval)
           RETURNING id`,
          [row.status, row.cancelRequested ?? false, row.heartbeatAgo],
        );
        ids.push(inserted.id);
      }
      return ids;
    };

    it('ends an inline run whose heartbeat is stale: FAILED with its checkpoint, or CANCELLED if asked', async () => {
      const [running, queued, cancelled, alive] = await orphans([
        { status: 'RUNNING', heartbeatAgo: '10 minutes' },
        { status: 'QUEUED', heartbeatAgo: '1 day' },
        { status: 'RUNNING', heartbeatAgo: '10 minutes', cancelRequested: true },
        { status: 'RUNNING', heartbeatAgo: '30 seconds' }, // its process is alive, only slow to say so
      ]);
      const [queueBacked] = await createQueuedJobRuns(app, 1); // no heartbeat: the queue watches it

      expect(await app.app.get(JobRunReconciler).reconcile()).toBeGreaterThanOrEqual(3);
      const stopped = 'the process running it stopped (no heartbeat for 180 s)';
      expect(await jobRun(running)).toMatchObject({ status: 'FAILED', error: stopped });
      expect((await jobs.get(running))?.checkpoint).toEqual({ at: 3 });
      expect(await jobRun(queued)).toMatchObject({ status: 'FAILED', error: stopped });
      expect(await jobRun(cancelled)).toMatchObject({ status: 'CANCELLED', error: null });
      expect(await jobRun(alive)).toMatchObject({ status: 'RUNNING', finishedAt: null });
      expect((await jobs.get(queueBacked.id))?.status).toBe('QUEUED');
      await jobs.cancel(alive);
      await jobs.cancel(queueBacked.id);
    });

    it('ends each stale inline run once when several workers reconcile at the same moment', async () => {
      const ids = await orphans(
        Array.from({ length: 6 }, () => ({ status: 'RUNNING' as const, heartbeatAgo: '5 minutes' })),
      );
      const runs = app.app.get(JobRunsRepository);
      const passes = await Promise.all(
        [1, 2, 3].map(() => runs.endInline({ staleSeconds: INLINE_STALE_SECONDS }, 'stopped')),
      );
      const ended = passes.flat().map((run) => run.id);
      expect(new Set(ended).size).toBe(ended.length); // none twice
      // (this app's own minute-ly pass may have taken some at that moment too)
      expect(ids).toEqual(expect.arrayContaining(ended));
      expect(ended.length).toBeGreaterThan(0);
      for (const id of ids) expect((await jobs.get(id))?.status).toBe('FAILED');
    });

    // Last in this file: afterwards this app's JobsService starts no inline run (its process is "stopping").
    it('ends the inline runs of a stopping process at once, checkpoints kept, and starts no more', async () => {
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      registry.register<Record<string, never>, string, { at: number }>({
        kind: 'test.inline-stopped',
        handle: async (_payload, ctx) => {
          await ctx.saveCheckpoint({ at: 1 });
          started();
          await released;
          return 'finished after all';
        },
      });
      const run = await jobs.createInline('test.inline-stopped');
      const [row] = await queryDatabase<{ beat: boolean }>(
        app.databaseUrl,
        'SELECT heartbeat_at IS NOT NULL AS beat FROM job_run WHERE id = $1',
        [run.id],
      );
      expect(row.beat).toBe(true);
      const finishing = jobs.runInline(run.id);
      await running;

      const ended = await jobs.endInlineRuns('interrupted: the test process stopped');
      expect(ended.map((r) => r.id)).toEqual([run.id]);
      expect(await jobRun(run.id)).toMatchObject({
        status: 'FAILED',
        error: 'interrupted: the test process stopped',
      });
      expect((await jobs.get(run.id))?.checkpoint).toEqual({ at: 1 });
      await expect(jobs.createInline('test.inline-stopped')).rejects.toThrow('this process is stopping');

      // the handler's late success changes nothing
      release();
      expect((await finishing).status).toBe('FAILED');
      expect(await jobRun(run.id)).toMatchObject({ status: 'FAILED', result: null });
    });
  });
});

async function adminQueryIn(database: string, sql: string): Promise<unknown[]> {
  // pgboss lives in the test's own database; adminQuery connects to the server's default one.
  const { Client } = await import('pg');
  const url = new URL(process.env.SOUNDGRAPH_TEST_PG_URL!);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}
