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
    for (let i = 0; i < 2; i++)
      processes.push(spawnTs('test/support/schedule-instance.ts', [], env, { stdin: true }));
    const urls = await Promise.all(processes.map(async (p) => (await p.waitFor(/ready (\S+)/))[1]));
    for (const p of processes) p.child.stdin!.write('go\n');
    await Promise.all(processes.map((p) => p.waitFor(/schedule removed/, 20_000)));

    // every enqueued tick runs (a run enqueued by either process may be executed by either)
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const runs = async () =>
      (
        await client.query<{ dedupe_key: string; runs: string; succeeded: string; attempts: string }>(
          `SELECT dedupe_key, count(*) AS runs, count(*) FILTER (WHERE status = 'SUCCEEDED') AS succeeded,
             max(attempts) AS attempts
           FROM job_run WHERE kind = 'test.tick' GROUP BY dedupe_key ORDER BY dedupe_key`,
        )
      ).rows;
    // a tick enqueued at the end of the window may still be on its way to the database or running
    let rows = await runs();
    for (let i = 0; i < 60 && (rows.length < 4 || rows.some((r) => r.succeeded !== r.runs)); i++) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await runs();
    }
    await client.end();
    const metrics = await Promise.all(
      urls.map(async (url) => tickCounts(await (await fetch(`${url}/metrics`)).text())),
    );

    // about five ticks in five seconds, one run each, each executed once
    if (rows.length < 4) process.stderr.write(processes.map((p) => p.output()).join('\n---\n'));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.length).toBeLessThanOrEqual(7);
    expect(
      rows.every((r) => Number(r.runs) === 1 && Number(r.succeeded) === 1 && Number(r.attempts) === 1),
    ).toBe(true);
    // both processes ticked; for each tick one enqueued and the other found it already enqueued
    for (const m of metrics) expect(m.enqueued + m.duplicate).toBeGreaterThanOrEqual(3);
    const enqueued = metrics.reduce((sum, m) => sum + m.enqueued, 0);
    const duplicates = metrics.reduce((sum, m) => sum + m.duplicate, 0);
    expect(enqueued).toBe(rows.length);
    expect(duplicates).toBeGreaterThanOrEqual(rows.length - 1);
  }, 60_000);
});
