// chartSyncHealth, as a pure function of a chart's recent sync runs (newest first).

/** How many of a chart's most recent sync runs the health looks at. */
export const HEALTH_WINDOW = 30;

export type SyncHealthStatus = 'HEALTHY' | 'DEGRADED' | 'FAILING' | 'NEVER_SYNCED';

export interface SyncRunOutcome {
  /** SUCCEEDED or FAILED. */
  status: string;
  finishedAt: Date;
  error: string | null;
}

export interface SyncHealth {
  runs: number;
  lastSyncAt: Date | null;
  lastSuccessAt: Date | null;
  /** Succeeded runs / runs, 0..1; null without runs. */
  successRate: number | null;
  errorCount: number;
  lastError: string | null;
  status: SyncHealthStatus;
}

/**
 * FAILING when the last run failed; DEGRADED when it succeeded but another run of the window failed; HEALTHY when
 * every run of the window succeeded; NEVER_SYNCED without runs.
 */
export function syncHealth(runsNewestFirst: readonly SyncRunOutcome[]): SyncHealth {
  const runs = runsNewestFirst.slice(0, HEALTH_WINDOW);
  const failed = runs.filter((r) => r.status !== 'SUCCEEDED');
  const lastSuccess = runs.find((r) => r.status === 'SUCCEEDED');
  let status: SyncHealthStatus;
  if (runs.length === 0) status = 'NEVER_SYNCED';
  else if (runs[0].status !== 'SUCCEEDED') status = 'FAILING';
  else status = failed.length > 0 ? 'DEGRADED' : 'HEALTHY';
  return {
    runs: runs.length,
    lastSyncAt: runs[0]?.finishedAt ?? null,
    lastSuccessAt: lastSuccess?.finishedAt ?? null,
    successRate: runs.length === 0 ? null : (runs.length - failed.length) / runs.length,
    errorCount: failed.length,
    lastError: failed[0]?.error ?? null,
    status,
  };
}
