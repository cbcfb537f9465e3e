import { JobRegistry } from '../src/jobs/job-registry';
import { JobsService } from '../src/jobs/jobs.service';
import { createTestDatabase } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';

describe('process roles', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  it('api enqueues without running jobs; a worker on the same database runs them and serves no GraphQL', async () => {
    const databaseUrl = await createTestDatabase();
    const api = await createTestApp({ ROLE: 'api' }, databaseUrl);
    apps.push(api);
    const handled: string[] = [];
    const definition = {
      kind: 'test.role',
      handle: (payload: { by?: string }) => {
        handled.push(payload.by ?? '');
        return Promise.resolve({ ok: true });
      },
    };
    api.app.get(JobRegistry).register(definition);
    const run = await api.app.get(JobsService).start('test.role', { by: 'api' });
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await api.app.get(JobsService).get(run.id))?.status).toBe('QUEUED');
    expect(handled).toEqual([]);

    const worker = await createTestApp({ ROLE: 'worker' }, databaseUrl);
    apps.push(worker);
    worker.app.get(JobRegistry).register(definition);
    const done = await worker.app.get(JobsService).waitFor(run.id, { timeoutMs: 15_000 });
    expect(done.status).toBe('SUCCEEDED');
    expect(handled).toEqual(['api']);

    expect((await worker.http().post('/graphql').send({ query: '{ serverInfo { role } }' })).status).toBe(
      404,
    );
    await worker.http().get('/health').expect(200);
    // and the api process sees the result through GraphQL
    const res = await api.gql<{ jobRun: { status: string } }>(
      'query($id: ID!) { jobRun(id: $id) { status } }',
      {
        id: run.id,
      },
    );
    expect(res.data?.jobRun.status).toBe('SUCCEEDED');
  }, 40_000);
});
