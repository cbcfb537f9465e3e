import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { runTs } from './support/processes';
import { createTestDatabase } from './support/test-database';
import { adminQueryIn } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const RUE = catalog.known.rueDeVivreArtistId;
const cafe = catalog.trackById(catalog.known.accentedTrackId)!;

describe('soundgraph run-all', () => {
  const emulator = new SpotifyEmulator({ catalog, rateLimit: false });
  let databaseUrl: string;
  let dir: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runTs('src/cli/main.ts', args, env);

  beforeAll(async () => {
    await emulator.start();
    databaseUrl = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-all-'));
    env = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      SPOTIFY_API_URL: emulator.apiUrl,
      SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
      SPOTIFY_CLIENT_ID: emulator.clientId,
      SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
      SPOTIFY_API_MODE: 'extended',
      SPOTIFY_RETRY_BASE_MS: '1',
    };
    const works = path.join(dir, 'works.csv');
    fs.writeFileSync(
      works,
      `title,artist_name,isrc,external_id\n${cafe.name},Rue De Vivre,${cafe.isrc},W1\n`,
    );
    expect((await cli('catalog', 'import', works)).code).toBe(0);
    const tracked = await cli('insights', 'track', RUE);
    expect(tracked.stdout).toContain(`tracking Rue De Vivre (${RUE})`);
  }, 60_000);
  afterAll(async () => {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const jobRuns = () =>
    adminQueryIn<{ kind: string; status: string; error: string | null }>(
      databaseUrl,
      'SELECT kind, status, error FROM job_run ORDER BY created_at',
    );

  it('reports a failed step, still runs the others, and exits non-zero', async () => {
    // Spotify answers 500 to every top-tracks request: the snapshot cannot be taken (after its retries).
    emulator.injectFault({ status: 500, path: '/top-tracks' });
    const result = await cli('run-all');
    emulator.clearFaults();

    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).toMatch(/\[1\/5\] auto-link: SUCCEEDED in [\d.]+ s \(.*\blinked\.HIGH=1\b.*\)\n/);
    expect(out).toMatch(/\[2\/5\] track enrichment: SUCCEEDED/);
    expect(out).toMatch(/\[3\/5\] artist enrichment: SUCCEEDED/);
    expect(out).toMatch(/\[4\/5\] snapshots: FAILED .*Rue De Vivre: FAILED \(Spotify is unavailable/);
    expect(out).toMatch(/\[5\/5\] growth metrics: SUCCEEDED in [\d.]+ s \(.*\bartists=1\b.*\)\n/);
    expect(out).toMatch(/\[5\/5\] growth metrics: .*\bsnapshots=0\b/);
    expect(out).toMatch(/run-all summary\n {2}auto-link +SUCCEEDED/);
    expect(out).toMatch(/\n {2}snapshots +FAILED +Rue De Vivre/);
    expect(out).toContain('4 of 5 steps succeeded; not done: snapshots\n');
    expect(result.stderr).toContain('run-all: 1 step(s) did not succeed: snapshots');

    // every step really ran, in order, the one after the failure included
    expect((await jobRuns()).map((r) => [r.kind, r.status])).toEqual([
      ['catalog.auto-link', 'SUCCEEDED'],
      ['spotify.enrich-tracks', 'SUCCEEDED'],
      ['spotify.enrich-artists', 'SUCCEEDED'],
      ['insights.collect', 'FAILED'],
      ['growth.compute', 'SUCCEEDED'],
    ]);
    const links = await adminQueryIn(databaseUrl, 'SELECT 1 FROM work_link');
    expect(links).toHaveLength(1);
    // the linked track (one of the recordings carrying the ISRC) was enriched with its popularity
    const tracks = await adminQueryIn<{ spotify_id: string; popularity: number | null; enriched: boolean }>(
      databaseUrl,
      'SELECT spotify_id, popularity, enriched_at IS NOT NULL AS enriched FROM track',
    );
    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toEqual({
      spotify_id: tracks[0].spotify_id,
      popularity: catalog.trackById(tracks[0].spotify_id)!.popularity,
      enriched: true,
    });
    expect(catalog.trackById(tracks[0].spotify_id)!.isrc).toBe(cafe.isrc);
    expect(await adminQueryIn(databaseUrl, 'SELECT 1 FROM artist_snapshot')).toHaveLength(0);
  }, 120_000);

  it('collects one artist from the CLI, and a clean run-all exits 0 with the headline numbers', async () => {
    const collected = await cli('insights', 'collect', RUE);
    expect(collected.code).toBe(0);
    expect(collected.stdout).toContain('"replaced": false');
    expect(collected.stdout).toContain('"activeMarkets": 13');

    const result = await cli('run-all');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\[4\/5\] snapshots: SUCCEEDED .*Rue De Vivre: followers 699567, markets 13\/13/,
    );
    expect(result.stdout).toContain('5 of 5 steps succeeded\n');
    expect(result.stdout).toMatch(/\n {2}catalog {7}1\/1 linked \(100\.0%\)\n/);
    const snapshots = await adminQueryIn<{ n: number }>(
      databaseUrl,
      'SELECT count(*)::int AS n FROM artist_snapshot',
    );
    expect(snapshots[0].n).toBe(1); // the same day: replaced, not added
  }, 120_000);

  it('reports a failed first step (auto-link), still runs the four others, and exits non-zero', async () => {
    // a work that is not linked yet, so auto-link has to search Spotify for it
    const other = catalog.tracksByArtist(RUE).find((t) => t.isrc !== cafe.isrc && !/[",]/.test(t.name))!;
    const works = path.join(dir, 'more-works.csv');
    fs.writeFileSync(
      works,
      `title,artist_name,isrc,external_id\n${other.name},Rue De Vivre,${other.isrc},W2\n`,
    );
    expect((await cli('catalog', 'import', works)).code).toBe(0);
    const earlierRuns = (await jobRuns()).length;

    // Spotify's search answers 500 every time: auto-link cannot match the work (after its retries)
    emulator.injectFault({ status: 500, path: '/v1/search' });
    emulator.clearRequestLog();
    const startedAt = new Date();
    const result = await cli('run-all');
    emulator.clearFaults();

    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).toMatch(
      /\[1\/5\] auto-link: FAILED in [\d.]+ s \(Spotify is unavailable: GET \/search answered 500 \(5 attempts\)\)\n/,
    );
    expect(out).toMatch(/\[2\/5\] track enrichment: SUCCEEDED in [\d.]+ s/);
    expect(out).toMatch(/\[3\/5\] artist enrichment: SUCCEEDED in [\d.]+ s/);
    expect(out).toMatch(/\[4\/5\] snapshots: SUCCEEDED .*Rue De Vivre: followers 699567, markets 13\/13/);
    expect(out).toMatch(/\[5\/5\] growth metrics: SUCCEEDED in [\d.]+ s \(.*\bsnapshots=1\b.*\)\n/);
    // the summary shows every step's status, the failed one first
    const summary = out.slice(out.indexOf('run-all summary\n'));
    expect(summary).toMatch(
      /^run-all summary\n {2}auto-link +FAILED +Spotify is unavailable.*\n {2}track enrichment +SUCCEEDED .*\n {2}artist enrichment +SUCCEEDED .*\n {2}snapshots +SUCCEEDED +Rue De Vivre.*\n {2}growth metrics +SUCCEEDED .*\n4 of 5 steps succeeded; not done: auto-link\n/,
    );
    expect(result.stderr).toContain('run-all: 1 step(s) did not succeed: auto-link');
    // the headline numbers still come, with the work that could not be linked
    expect(out).toMatch(/\n {2}catalog {7}1\/2 linked \(50\.0%\)\n/);

    // every step really ran, in order, after the failed first one
    expect((await jobRuns()).slice(earlierRuns).map((r) => [r.kind, r.status])).toEqual([
      ['catalog.auto-link', 'FAILED'],
      ['spotify.enrich-tracks', 'SUCCEEDED'],
      ['spotify.enrich-artists', 'SUCCEEDED'],
      ['insights.collect', 'SUCCEEDED'],
      ['growth.compute', 'SUCCEEDED'],
    ]);
    // one search, tried 5 times; nothing linked; the snapshot and the growth metrics of today were written
    expect(
      emulator
        .requestLog()
        .filter((r) => r.path === '/v1/search')
        .map((r) => r.status),
    ).toEqual([500, 500, 500, 500, 500]);
    expect(await adminQueryIn(databaseUrl, 'SELECT 1 FROM work_link')).toHaveLength(1);
    const collected = await adminQueryIn(
      databaseUrl,
      'SELECT 1 FROM artist_snapshot WHERE collected_at >= $1',
      [startedAt],
    );
    expect(collected).toHaveLength(1);
  }, 120_000);
});
