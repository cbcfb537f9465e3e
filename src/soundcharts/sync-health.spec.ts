import { syncHealth } from './sync-health';

const run = (status: string, minutesAgo: number, error: string | null = null) => ({
  status,
  finishedAt: new Date(Date.UTC(2026, 0, 1, 12) - minutesAgo * 60_000),
  error,
});

describe('chart sync health', () => {
  it('is FAILING when the last run failed, DEGRADED after an earlier failure, HEALTHY otherwise', () => {
    expect(syncHealth([]).status).toBe('NEVER_SYNCED');
    expect(syncHealth([run('SUCCEEDED', 0), run('SUCCEEDED', 10)])).toMatchObject({
      status: 'HEALTHY',
      successRate: 1,
      errorCount: 0,
    });
    const degraded = syncHealth([run('SUCCEEDED', 0), run('FAILED', 10, 'boom'), run('SUCCEEDED', 20)]);
    expect(degraded).toMatchObject({ status: 'DEGRADED', errorCount: 1, lastError: 'boom', runs: 3 });
    expect(degraded.successRate).toBeCloseTo(2 / 3);
    const failing = syncHealth([run('FAILED', 0, 'down'), run('SUCCEEDED', 10)]);
    expect(failing).toMatchObject({ status: 'FAILING', lastSuccessAt: run('SUCCEEDED', 10).finishedAt });
  });

  it('looks at the last 30 runs only', () => {
    const runs = [...Array.from({ length: 30 }, (_, i) => run('SUCCEEDED', i)), run('FAILED', 100, 'old')];
    expect(syncHealth(runs)).toMatchObject({ status: 'HEALTHY', runs: 30, errorCount: 0 });
  });
});
