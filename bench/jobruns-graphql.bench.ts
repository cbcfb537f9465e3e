// GraphQL throughput and latency of `jobRuns(first: 50)` under autocannon, beside a plain pg SELECT of the same
// rows at the same concurrency: what the GraphQL stack (HTTP, Apollo, Nest, TypeORM) costs over the database.
import 'reflect-metadata';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { benchDatabase, percentile, report, sqlBaseline } from './support/bench-db';
import { startBenchApp } from './support/bench-service';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
const ROWS = 1000;
const QUERY = '{ jobRuns(first: 50) { edges { node { id status } } } }';
const SQL = `SELECT id, status FROM job_run ORDER BY created_at DESC, id DESC LIMIT 51`;

async function main(): Promise<void> {
  const db = await benchDatabase();
  const pool = new Pool({ connectionString: db.url, max: CONNECTIONS, application_name: 'bench-baseline' });
  await pool.query(
    `INSERT INTO job_run (kind, status, max_attempts, created_at)
     SELECT 'bench.kind', 'SUCCEEDED', 1, now() - (g || ' seconds')::interval FROM generate_series(1, $1) g`,
    [ROWS],
  );
  const service = await startBenchApp(db.url, {
    API_KEYS: 'reader:bench-reader-key-0123456789',
    ROLE: 'api',
  });

  const graphql = await autocannon({
    url: `${service.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    connections: CONNECTIONS,
    duration: DURATION_S,
  });

  // Baseline: the same rows through pg, CONNECTIONS loops for the same time.
  const latencies = await sqlBaseline(CONNECTIONS, DURATION_S, () => pool.query(SQL));

  await service.close();
  pool.on('error', () => undefined); // the server stops under idle clients that pg-pool has not yet released
  await pool.end();
  await db.stop();

  const errors = graphql.errors + graphql.non2xx;
  report(
    [
      {
        measure: 'GraphQL jobRuns(first: 50) throughput',
        value: Math.round(graphql.requests.average),
        unit: 'req/s',
      },
      { measure: 'GraphQL latency p50', value: graphql.latency.p50, unit: 'ms' },
      { measure: 'GraphQL latency p99', value: graphql.latency.p99, unit: 'ms' },
      { measure: 'GraphQL errors and non-2xx', value: errors, unit: 'responses', target: '0' },
      {
        measure: 'plain pg SELECT throughput',
        value: Math.round(latencies.length / DURATION_S),
        unit: 'queries/s',
      },
      {
        measure: 'plain pg SELECT latency p50',
        value: Number(percentile(latencies, 50).toFixed(2)),
        unit: 'ms',
      },
      {
        measure: 'plain pg SELECT latency p99',
        value: Number(percentile(latencies, 99).toFixed(2)),
        unit: 'ms',
      },
    ],
    { connections: CONNECTIONS, durationSeconds: DURATION_S, rows: ROWS },
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
