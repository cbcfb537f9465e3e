import { JobRegistry } from '../src/jobs/job-registry';
import { JobsService } from '../src/jobs/jobs.service';
import { JobRescheduleError, PermanentJobError } from '../src/jobs/job-definition';
import { createQueuedJobRuns, IDLE_JOB_KIND } from './factories/job-run.factory';
import { createTestApp, TestApp } from './support/test-app';

const JOB_FIELDS =
  'id kind status progress processed total error result attempts createdAt startedAt finishedAt';

describe('jobs', () => {
  let app: TestApp;
  let jobs: JobsService;
  let registry: JobRegistry;

  beforeAll(async () => {
    app = await createTestApp();
    jobs = app.app.get(JobsService);
    registry = app.app.get(JobRegistry);
  });
  afterAll(() => app?.close());

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
