import * as path from 'node:path';
import { Client } from 'pg';
import { AppConfig } from './config';
import { EmbeddedPostgresHandle, EmbeddedPostgresServer } from './database/embedded-postgres.server';
import { runMigrations } from './database/migration-runner';
import { SandboxRuntime, startSandbox } from './sandbox/sandbox.runtime';

export const EMBEDDED_DATABASE_NAME = 'soundgraph';

export interface Runtime {
  /** The configuration to run with: emulated providers point at their emulators. */
  config: AppConfig;
  sandbox: SandboxRuntime;
  databaseUrl: string;
  embedded?: EmbeddedPostgresHandle;
  /** Stops what this process started (the embedded server when it owns it). */
  stop(): Promise<void>;
}

// duplicate_database, and the unique index of pg_database when two CREATE DATABASE race to commit.
const ALREADY_CREATED = new Set(['42P04', '23505']);

/**
 * The embedded server's application database, created on first use. Processes starting together on a fresh
 * DATA_DIR may all see it missing and all create it: whichever loses finds it made, which is what it wanted.
 */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } catch (error) {
        if (!ALREADY_CREATED.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Everything that must exist before Nest starts: the database (embedded when DATABASE_URL is unset, shared by
 * every process using the same DATA_DIR) with its migrations applied, and the emulators of providers without
 * credentials (shared the same way).
 */
export async function prepareRuntime(
  config: AppConfig,
  log: (message: string) => void,
  options: { migrate?: boolean; signal?: AbortSignal } = {},
): Promise<Runtime> {
  const { signal } = options;
  signal?.throwIfAborted();
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const server = new EmbeddedPostgresServer({ dir: path.join(config.dataDir, 'postgres'), log });
    embedded = await server.ensureRunning();
  }
  let sandbox: SandboxRuntime | undefined;
  const stop = async () => {
    await sandbox?.stop();
    await embedded?.stop();
  };
  // From here on, a failure or an abort (a signal during start-up) stops whatever this process has started.
  try {
    if (embedded) {
      signal?.throwIfAborted();
      databaseUrl = await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
    }
    signal?.throwIfAborted();
    sandbox = await startSandbox(config, log);
    if (options.migrate !== false) {
      const { applied } = await runMigrations(databaseUrl!, {
        timeoutSeconds: config.databaseConnectTimeoutSeconds,
        log,
        signal,
      });
      if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    }
    signal?.throwIfAborted();
  } catch (error) {
    await stop();
    throw error;
  }
  return { config: sandbox.config, sandbox, databaseUrl: databaseUrl!, embedded, stop };
}
