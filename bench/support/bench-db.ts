import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresServer } from '../../src/database/embedded-postgres.server';
import { runMigrations } from '../../src/database/migration-runner';

/** A throw-away embedded PostgreSQL with one migrated database, for one benchmark process. */
export async function benchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soundgraph-bench-'));
  const handle = await new EmbeddedPostgresServer({ dir: path.join(dir, 'postgres') }).ensureRunning();
  const admin = new Client({ connectionString: handle.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const url = new URL(handle.url);
  url.pathname = '/bench';
  await runMigrations(url.toString(), { timeoutSeconds: 10, log: () => undefined });
  return {
    url: url.toString(),
    stop: async () => {
      await handle.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchRow {
  measure: string;
  value: number | string;
  unit: string;
  target?: string;
}

export function report(rows: BenchRow[], details: Record<string, unknown> = {}): void {
  for (const r of rows)
    process.stdout.write(`  ${r.measure}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}\n`);
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ rows, details })}\n`);
}

/** Percentile of a sorted array of numbers. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * The plain-SQL side of a GraphQL benchmark: `connections` loops sending `query()` back to back for `seconds`;
 * returns each query's latency in ms, sorted.
 */
export async function sqlBaseline(
  connections: number,
  seconds: number,
  query: () => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const t = process.hrtime.bigint();
        await query();
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}
