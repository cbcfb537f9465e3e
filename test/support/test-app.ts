import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { startService, RunningService } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createTestDatabase } from './test-database';

export const TEST_KEYS = {
  reader: 'reader-key-0123456789abcdef',
  operator: 'operator-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef0123',
} as const;

export type TestRole = keyof typeof TEST_KEYS;

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

export interface TestApp extends RunningService {
  databaseUrl: string;
  dataDir: string;
  http(): ReturnType<typeof request>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { as?: TestRole | null; key?: string },
  ): Promise<GqlResponse<T>>;
}

/** Runs SQL on a test's own database (to inspect state or simulate an upstream change). */
export async function adminQueryIn<T = Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Boots the real service (AppModule, HTTP on a random port) against a fresh database cloned from the migrated
 * template. `env` overrides configuration exactly as environment variables would.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  databaseUrl?: string,
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soundgraph-app-'));
  const url = databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    API_KEYS: Object.entries(TEST_KEYS)
      .map(([role, key]) => `${role}:${key}`)
      .join(','),
    ...env,
    DATABASE_URL: url,
    DATA_DIR: env.DATA_DIR ?? dataDir,
  });
  const service = await startService(config);
  const http = () => request(service.url);
  return {
    ...service,
    databaseUrl: url,
    dataDir,
    http,
    close: async () => {
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async gql(query, variables, options = {}) {
      const role = options.as === undefined ? 'operator' : options.as;
      const key = options.key ?? (role ? TEST_KEYS[role] : undefined);
      const req = http().post('/graphql').set('content-type', 'application/json');
      if (key) req.set('authorization', `Bearer ${key}`);
      const res = await req.send({ query, variables });
      const body = res.body as { data?: unknown; errors?: GqlResponse['errors'] };
      return { status: res.status, data: body.data as never, errors: body.errors };
    },
  };
}
