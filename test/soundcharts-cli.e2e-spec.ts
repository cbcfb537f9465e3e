import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { runTs } from './support/processes';
import { createTestDatabase } from './support/test-database';
import { adminQueryIn } from './support/test-app';

describe('soundgraph charts (CLI)', () => {
  let databaseUrl: string;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charts-cli-'));
    // No Soundcharts credentials: the CLI's own sandbox emulator serves it.
    env = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      SOUNDCHARTS_HISTORY_DAYS: '10',
      SOUNDCHARTS_TRACK_PLATFORMS: 'spotify',
      SOUNDCHARTS_ARTIST_PLATFORMS: 'spotify',
      SOUNDCHARTS_AIRPLAY: 'false',
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('syncs a chart and runs its cascade in its own process, then exports the audience', async () => {
    const sync = await runTs('src/cli/main.ts', ['charts', 'sync', 'fr-28', '--cascade'], env);
    expect(sync.stderr).not.toMatch(/failed/);
    expect(sync.code).toBe(0);
    const runs = await adminQueryIn<{ kind: string; step: string | null; status: string }>(
      databaseUrl,
      `SELECT kind, payload->>'step' AS step, status FROM job_run ORDER BY created_at`,
    );
    expect(runs.map((r) => [r.kind, r.step, r.status])).toEqual([
      ['soundcharts.chart-sync', null, 'SUCCEEDED'],
      ['soundcharts.cascade', null, 'SUCCEEDED'],
      ['soundcharts.cascade-step', 'song-metadata', 'SUCCEEDED'],
      ['soundcharts.cascade-step', 'artist-metadata', 'SUCCEEDED'],
      ['soundcharts.cascade-step', 'song-audience', 'SUCCEEDED'],
      ['soundcharts.cascade-step', 'artist-audience', 'SUCCEEDED'],
    ]);
    const [{ n }] = await adminQueryIn<{ n: string }>(
      databaseUrl,
      `SELECT count(DISTINCT entity_id) AS n FROM soundcharts_audience_point WHERE entity_type = 'track'`,
    );
    expect(Number(n)).toBe(50);

    const exported = await runTs(
      'src/cli/main.ts',
      ['charts', 'export', '--chart', 'fr-28', '--platforms', 'spotify'],
      env,
    );
    expect(exported.code).toBe(0);
    const file = /wrote (\S+\.xlsx)/.exec(exported.stdout)![1];
    expect(path.dirname(file)).toBe(path.join(dir, 'exports'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['spotify-streams']);
    const header = workbook.getWorksheet('spotify-streams')!.getRow(1).values as unknown[];
    expect(header).toHaveLength(1 + 1 + 50); // exceljs rows are 1-based: [empty, 'date', 50 tracks]

    const unknown = await runTs('src/cli/main.ts', ['charts', 'cascade', 'us-28'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('chart us-28 has not been synced here');
  }, 120_000);
});
