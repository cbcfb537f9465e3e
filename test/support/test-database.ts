import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DATABASE = 'soundgraph_template';

function serverUrl(): string {
  const url = process.env.SOUNDGRAPH_TEST_PG_URL;
  if (!url) throw new Error('SOUNDGRAPH_TEST_PG_URL is not set: run tests through jest (global setup)');
  return url;
}

/** A fresh, migrated database cloned from the template; the whole server is removed after the run. */
export async function createTestDatabase(): Promise<string> {
  const name = `sg_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs SQL as the server's superuser (to simulate outages, inspect state). */
export async function adminQuery<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    return (await admin.query(sql, params)).rows as T[];
  } finally {
    await admin.end();
  }
}
