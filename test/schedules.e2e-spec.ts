import { Client } from 'pg';
import { createTestDatabase } from './support/test-database';
import { spawnTs, Spawned } from './support/processes';
import { TEST_KEYS } from './support/test-app';

function tickCounts(metrics: string): { enqueued: number; duplicate: number } {
  const value = (outcome: string) =>
    Number(
      metrics.match(
        new RegExp(
          `soundgraph_schedule_ticks_total\\{schedule="test-every-second",outcome="${outcome}"\\} (\\d+)`,
        ),
      )?.[1] ?? 0,
    );
  return { enqueued: value('enqueued'), duplicate: value('duplicate') };
}

describe('schedules across processes', () => {
  const processes: Spawned[] = [];
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
  });

  it('runs each tick of a one-second schedule exactly once with two processes on one database', async () => {
    const databaseUrl = await createTestDatabase();
    const env = {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      API_KEYS: `operator:${TEST_KEYS.operator}`,
    };
    for (let i = 0; i < 2; i++) processes.push(spawnTs('test/support/schedule-instance.ts', [], env));
    const urls = await Promise.all(processes.map(async (p) => (await p.waitFor(/ready (\S+)/))[1]));

    await new Promise((r) => setTimeout(r, 5_000));
    const metrics = await Promise.all(
      urls.map(async (url) => tickCounts(await (await fetch(`${url}/metrics`)).text())),
    );
    await Promise.all(processes.map((p) => p.stop()));

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ dedupe_key: string; runs: string; succeeded: string }>(
      `SELECT dedupe_key, count(*) AS runs, count(*) FILTER (WHERE status = 'SUCCEEDED') AS succeeded
       FROM job_run WHERE kind = 'test.tick' GROUP BY dedupe_key ORDER BY dedupe_key`,
    );
    await client.end();

    // about five ticks in five seconds (process start-up skew allowed), one run each
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.length).toBeLessThanOrEqual(8);
    expect(rows.every((r) => Number(r.runs) === 1)).toBe(true);
    // both processes ticked every second; only one of them enqueued each tick
    for (const m of metrics) expect(m.enqueued + m.duplicate).toBeGreaterThanOrEqual(4);
    const enqueued = metrics.reduce((sum, m) => sum + m.enqueued, 0);
    const duplicates = metrics.reduce((sum, m) => sum + m.duplicate, 0);
    expect(enqueued).toBe(rows.length);
    expect(duplicates).toBeGreaterThanOrEqual(3);
    // the runs themselves executed (all but perhaps the last tick, cut short by the shutdown)
    const succeeded = rows.filter((r) => Number(r.succeeded) === 1).length;
    expect(succeeded).toBeGreaterThanOrEqual(rows.length - 1);
  }, 60_000);
});
