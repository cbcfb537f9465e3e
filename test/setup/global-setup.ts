import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { EmbeddedPostgresServer } from '../../src/database/embedded-postgres.server';
import { runMigrations } from '../../src/database/migration-runner';
import { TEMPLATE_DATABASE } from '../support/test-database';

/**
 * One embedded PostgreSQL for the whole run, and a template database with every migration (and pg-boss's schema)
 * applied once; each test file clones it (`CREATE DATABASE ... TEMPLATE`), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soundgraph-test-'));
  const server = new EmbeddedPostgresServer({ dir: path.join(dir, 'postgres') });
  const handle = await server.ensureRunning();
  const admin = new Client({ connectionString: handle.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(handle.url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations(templateUrl.toString(), { timeoutSeconds: 10, log: () => undefined });
  const boss = new PgBoss({
    connectionString: templateUrl.toString(),
    schema: 'pgboss',
    schedule: false,
    supervise: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: true });

  process.env.SOUNDGRAPH_TEST_PG_URL = handle.url;
  process.env.SOUNDGRAPH_TEST_DIR = dir;
  (globalThis as { __soundgraphTest?: unknown }).__soundgraphTest = { handle, dir };
}
