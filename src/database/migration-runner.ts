import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { CONNECTION_TIMEOUT_MS, dataSourceOptions } from './data-source-options';

// Any constant works; it only has to be the same in every process of this service.
const MIGRATION_LOCK_KEY = 71_407_712;
// pg treats a connection timeout of 0 as none at all.
const MIN_ATTEMPT_MS = 100;

export interface MigrationResult {
  applied: string[];
}

/**
 * Connects (retrying while the server is unreachable, up to `timeoutSeconds`) and applies pending migrations under
 * an advisory lock, so many processes starting at once migrate exactly once. Each attempt is capped to the time left
 * before the deadline, so a host that drops packets cannot hold start-up past it.
 */
export async function runMigrations(
  url: string,
  options: { timeoutSeconds: number; log: (message: string) => void; signal?: AbortSignal },
): Promise<MigrationResult> {
  const { signal } = options;
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let dataSource: DataSource;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const remaining = Math.max(MIN_ATTEMPT_MS, deadline - Date.now());
    dataSource = new DataSource(
      dataSourceOptions(url, {
        extra: { max: 1, connectionTimeoutMillis: Math.min(CONNECTION_TIMEOUT_MS, remaining) },
      }),
    );
    try {
      await dataSource.initialize();
      break;
    } catch (error) {
      // A pool made before the failure (connected, then a first query failed) must not linger.
      if (!dataSource.isInitialized) await dataSource.driver.disconnect().catch(() => undefined);
      if (Date.now() >= deadline) {
        throw new Error(
          `database unreachable after ${options.timeoutSeconds} s: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      options.log(`database unreachable (attempt ${attempt}: ${(error as Error).message}); retrying`);
      const pause = Math.min(1000 * attempt, 5000, Math.max(0, deadline - Date.now()));
      // A signal during the pause ends the wait at once (the next turn of the loop throws).
      await delay(pause, undefined, { signal }).catch(() => undefined);
    }
  }
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: applied.map((m) => m.name) };
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}
