import { adminQuery } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';

async function setConnectionsAllowed(url: string, allowed: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${allowed}`);
  if (!allowed)
    await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
}

describe('health, metrics and a database outage', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await setConnectionsAllowed(app.databaseUrl, true);
    await app?.close();
  });

  it('answers 200 with both checks ok', async () => {
    const res = await app.http().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'ok' }, queue: { status: 'ok' } },
    });
  });

  it('exposes Prometheus metrics with GraphQL operations and job counts', async () => {
    await app.gql('query Probe { serverInfo { role } }');
    const res = await app.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(
      /soundgraph_graphql_requests_total\{operation="Probe",type="query",outcome="success"\} 1/,
    );
    expect(res.text).toContain('soundgraph_graphql_request_duration_seconds_bucket');
    expect(res.text).toContain('soundgraph_process_cpu_seconds_total');
    expect(res.text).toContain('# TYPE soundgraph_jobs gauge');
  });

  it('bounds the operation label: 200 distinct names, then "other"; unnamed operations "anonymous"', async () => {
    const long = `Q${'x'.repeat(64)}`; // a valid GraphQL name, too long for a label
    const floods = Array.from({ length: 205 }, (_, i) => `Flood${i}`);
    const queries = [
      '{ serverInfo { role } }',
      `query ${long} { serverInfo { role } }`,
      ...floods.map((name) => `query ${name} { serverInfo { role } }`),
    ];
    for (let i = 0; i < queries.length; i += 10)
      await Promise.all(queries.slice(i, i + 10).map((q) => app.gql(q)));

    const text = (await app.http().get('/metrics').expect(200)).text;
    const counts = new Map<string, number>();
    for (const [, operation, n] of text.matchAll(
      /^soundgraph_graphql_requests_total\{operation="([^"]*)",type="query",outcome="success"\} (\d+)$/gm,
    ))
      counts.set(operation, Number(n));
    const named = [...counts.keys()].filter((o) => o !== 'other' && o !== 'anonymous');
    expect(named).toHaveLength(200);
    expect(text).not.toContain(long);
    const floodsKept = floods.filter((name) => counts.has(name)).length;
    expect(floodsKept).toBeGreaterThan(0);
    expect(floodsKept).toBeLessThan(floods.length);
    expect(counts.get('other')).toBe(floods.length - floodsKept + 1);
    expect(counts.get('anonymous')).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 within 2 s while the database is unreachable, masks GraphQL errors, and recovers', async () => {
    await setConnectionsAllowed(app.databaseUrl, false);

    const started = Date.now();
    const down = await app.http().get('/health');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('error');
    expect(down.body.checks.database.status).toBe('error');

    // /metrics still answers with everything but the job counts it cannot read
    const metrics = await app.http().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('soundgraph_process_cpu_seconds_total');
    expect(metrics.text).toContain('soundgraph_graphql_requests_total');
    expect(metrics.text).toContain('# TYPE soundgraph_jobs gauge');
    expect(metrics.text).not.toMatch(/^soundgraph_jobs\{/m);

    const res = await app.gql('{ jobRuns { totalCount } }');
    expect(res.errors?.[0]?.message).toBe('Internal server error');
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(res.errors?.[0]?.extensions?.correlationId).toMatch(/^[0-9a-f-]{36}$/);

    await setConnectionsAllowed(app.databaseUrl, true);
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.http().get('/health')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    const after = await app.gql('{ jobRuns { totalCount } }');
    expect(after.data).toEqual({ jobRuns: { totalCount: 0 } });
  });
});
