import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from './runtime';

// The embedded server of the test run (global setup); this spec needs no application database.
const serverUrl = (): string => process.env.SOUNDGRAPH_TEST_PG_URL!;

async function admin<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('ensureDatabase', () => {
  const names: string[] = [];
  afterAll(async () => {
    for (const name of names) await admin(`DROP DATABASE IF EXISTS ${name}`);
  });

  it('lets processes starting together on a fresh server all create the database', async () => {
    for (let round = 0; round < 3; round++) {
      const name = `sg_race_${randomBytes(6).toString('hex')}`;
      names.push(name);
      const urls = await Promise.all(Array.from({ length: 6 }, () => ensureDatabase(serverUrl(), name)));
      expect(new Set(urls).size).toBe(1);
      expect(new URL(urls[0]).pathname).toBe(`/${name}`);
      expect(await admin('SELECT 1 FROM pg_database WHERE datname = $1', [name])).toHaveLength(1);
    }
  });
});
