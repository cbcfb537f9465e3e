import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { MusicService } from '../src/music';
import { TRACK_CSV_HEADER } from '../src/enrichment/track-enrichment-file';
import { createSpotifyTestApp, SpotifyTestApp } from './support/spotify-test-app';
import { adminQueryIn, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const TRACKS = catalog.tracks.slice(0, 120);

type Report = Record<string, unknown> & {
  file: string;
  requested: number;
  updated?: number;
  unavailableFields: { popularity: number };
};

describe('track enrichment', () => {
  let emulator: SpotifyEmulator;
  let env: SpotifyTestApp;
  let app: TestApp;
  let jobs: JobsService;

  beforeAll(async () => {
    env = await createSpotifyTestApp({ catalog });
    ({ app, emulator } = env);
    jobs = app.app.get(JobsService);
    // Tracks as the catalog first meets them: names and artists, no popularity yet, no ISRC for half of them.
    await app.app.get(MusicService).upsertSpotifyTracks(
      TRACKS.map((t, i) => ({
        spotifyId: t.id,
        name: t.name,
        isrc: i % 2 ? t.isrc : undefined,
        artists: t.artistIds.map((id) => ({ spotifyId: id, name: catalog.artistById(id)!.name })),
      })),
    );
  });
  afterAll(() => env?.close());

  const enrich = async (input: Record<string, unknown>) => {
    const res = await app.gql<{ enrichTracks: { id: string } }>(
      'mutation($input: EnrichInput!) { enrichTracks(input: $input) { id status } }',
      { input },
    );
    expect(res.errors).toBeUndefined();
    const run = await jobs.waitFor(res.data!.enrichTracks.id, { timeoutMs: 60_000 });
    expect(run.error).toBeNull();
    return run.result as Report;
  };
  const state = () =>
    adminQueryIn<{ spotify_id: string; popularity: number | null; isrc: string | null }>(
      app.databaseUrl,
      'SELECT spotify_id, popularity, isrc FROM track ORDER BY spotify_id',
    );
  const multiGets = () => emulator.requestLog().filter((r) => r.path === '/v1/tracks').length;
  const singleGets = () => emulator.requestLog().filter((r) => /^\/v1\/tracks\/\w+$/.test(r.path)).length;

  it('writes the audit CSV in a dry run and changes nothing', async () => {
    const before = await state();
    emulator.clearRequestLog();
    const report = await enrich({ mode: 'BACKFILL', dryRun: true });
    expect(report).toMatchObject({ dryRun: true, requested: 120, fetched: 120, unknownIds: 0 });
    expect(multiGets()).toBe(Math.ceil(120 / 50));
    expect(path.basename(report.file)).toMatch(/^spotify_enrichment_\d{8}_\d{6}\.csv$/);
    const lines = fs.readFileSync(report.file, 'utf8').split('\n');
    expect(lines[0]).toBe(TRACK_CSV_HEADER.join(','));
    expect(lines).toHaveLength(122); // header, 120 rows, final newline
    const [{ id }] = await adminQueryIn<{ id: string }>(
      app.databaseUrl,
      'SELECT id FROM track WHERE spotify_id = $1',
      [TRACKS[0].id],
    );
    expect(lines).toContain(`${id},${TRACKS[0].id},${TRACKS[0].popularity},${TRACKS[0].isrc}`);
    expect(await state()).toEqual(before);
  });

  it('applies popularity and ISRC with 3 multi-gets in extended mode, and a second apply of the file changes nothing', async () => {
    emulator.clearRequestLog();
    const report = await enrich({ mode: 'BACKFILL' });
    expect(report).toMatchObject({
      requested: 120,
      fetched: 120,
      updated: 120,
      unchanged: 0,
      missing: 0,
      empty: 0,
    });
    expect(multiGets()).toBe(3);
    const rows = await state();
    const byId = new Map(TRACKS.map((t) => [t.id, t]));
    expect(
      rows.every(
        (r) => r.popularity === byId.get(r.spotify_id)!.popularity && r.isrc === byId.get(r.spotify_id)!.isrc,
      ),
    ).toBe(true);

    const file = path.relative(app.dataDir, report.file);
    const again = await app.gql<{ applyTrackEnrichment: { id: string } }>(
      'mutation($f: String!) { applyTrackEnrichment(file: $f) { id } }',
      { f: file },
      { as: 'admin' },
    );
    const run = await jobs.waitFor(again.data!.applyTrackEnrichment.id, { timeoutMs: 30_000 });
    expect(run.result).toEqual({ rows: 120, updated: 0, unchanged: 120, missing: 0, empty: 0 });
    expect(await state()).toEqual(rows);
  });

  it('keeps known popularity in development mode, reports it unavailable, and makes single gets', async () => {
    const before = await state();
    await adminQueryIn(app.databaseUrl, `UPDATE track SET enriched_at = now() - interval '100 days'`);
    emulator.setMode('development');
    emulator.clearRequestLog();
    try {
      const report = await enrich({ mode: 'BACKFILL' });
      expect(report).toMatchObject({
        requested: 120,
        fetched: 120,
        unavailableFields: { popularity: 120, isrc: 0 },
      });
      expect(singleGets()).toBe(120);
      // batches already in flight when the app learns multi-gets are gone: at most one refusal each, then single gets
      const refused = emulator.requestLog().filter((r) => r.path === '/v1/tracks');
      expect(refused.length).toBeLessThanOrEqual(Math.ceil(120 / 50));
      expect(refused.every((r) => r.status === 403)).toBe(true);
      expect(await state()).toEqual(before);
    } finally {
      emulator.setMode('extended');
    }
  });

  it('selects only tracks first seen in the last 7 days in incremental mode', async () => {
    await adminQueryIn(app.databaseUrl, `UPDATE track SET created_at = now() - interval '30 days'`);
    await adminQueryIn(app.databaseUrl, `UPDATE track SET created_at = now() WHERE spotify_id = $1`, [
      TRACKS[0].id,
    ]);
    const report = await enrich({ mode: 'INCREMENTAL', dryRun: true });
    expect(report).toMatchObject({ requested: 1, fetched: 1 });
  });

  it('refuses a bad reviewed file, listing its lines, and applies nothing', async () => {
    const before = await state();
    const [{ id }] = await adminQueryIn<{ id: string }>(app.databaseUrl, 'SELECT id FROM track LIMIT 1');
    const file = path.join(app.dataDir, 'exports', 'reviewed.csv');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      [
        TRACK_CSV_HEADER.join(','),
        `${id},${TRACKS[0].id},1,`,
        `${id},${TRACKS[0].id},101,`,
        `nope,${TRACKS[0].id},5,`,
        `${id},${TRACKS[0].id},5,BAD`,
        '',
      ].join('\n'),
    );
    const res = await app.gql(
      'mutation($f: String!) { applyTrackEnrichment(file: $f) { id } }',
      { f: 'exports/reviewed.csv' },
      { as: 'admin' },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    const message = res.errors?.[0]?.message ?? '';
    expect(message).toContain('3 bad line(s), nothing applied');
    expect(message).toContain('line 3: spotify_popularity "101" is not 0-100');
    expect(message).toContain('line 4: track_id "nope" is not a track id');
    expect(message).toContain('line 5: isrc "BAD" is not an ISRC');
    expect(await state()).toEqual(before);

    const header = path.join(app.dataDir, 'exports', 'header.csv');
    fs.writeFileSync(header, 'id,spotify,pop\n');
    const bad = await app.gql(
      'mutation { applyTrackEnrichment(file: "exports/header.csv") { id } }',
      {},
      { as: 'admin' },
    );
    expect(bad.errors?.[0]?.message).toContain(
      'line 1: the header must be track_id,spotify_id,spotify_popularity,isrc',
    );
    const outside = await app.gql(
      'mutation { applyTrackEnrichment(file: "/etc/passwd") { id } }',
      {},
      { as: 'admin' },
    );
    expect(outside.errors?.[0]?.message).toContain('must be inside DATA_DIR');
    const operator = await app.gql(
      'mutation { applyTrackEnrichment(file: "exports/header.csv") { id } }',
      {},
      { as: 'operator' },
    );
    expect(operator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves popularity, difficulty, duplicates, isrcConflict and filters', async () => {
    const shared = catalog.known.sharedIsrcTrackIds;
    await app.app.get(MusicService).upsertSpotifyTracks(
      shared.map((id) => {
        const t = catalog.trackById(id)!;
        return {
          spotifyId: id,
          name: t.name,
          isrc: t.isrc,
          durationMs: t.durationMs,
          artists: t.artistIds.map((a) => ({ spotifyId: a, name: catalog.artistById(a)!.name })),
        };
      }),
    );
    const res = await app.gql<{ track: { duplicates: { spotifyId: string }[]; isrcConflict: boolean } }>(
      'query($id: String!) { track(spotifyId: $id) { isrc duplicates { spotifyId } isrcConflict } }',
      { id: shared[0] },
    );
    expect(res.data?.track.duplicates.map((d) => d.spotifyId).sort()).toEqual(shared.slice(1).sort());
    expect(res.data?.track.isrcConflict).toBe(false);
    // the same ISRC on a recording of another length is a conflict, not a duplicate
    await adminQueryIn(
      app.databaseUrl,
      'UPDATE track SET duration_ms = duration_ms + 9000 WHERE spotify_id = $1',
      [shared[1]],
    );
    const conflict = await app.gql<{ track: { isrcConflict: boolean } }>(
      'query($id: String!) { track(spotifyId: $id) { isrcConflict } }',
      { id: shared[0] },
    );
    expect(conflict.data?.track.isrcConflict).toBe(true);

    const easy = await app.gql<{
      tracks: { totalCount: number; edges: { node: { popularity: number; difficulty: string } }[] };
    }>(
      '{ tracks(first: 100, filter: { difficulty: EASY, enriched: true }) { totalCount edges { node { popularity difficulty } } } }',
    );
    const expected = TRACKS.filter((t) => t.popularity >= 80).length;
    expect(easy.data?.tracks.totalCount).toBe(expected);
    expect(
      easy.data?.tracks.edges.every((e) => e.node.popularity >= 80 && e.node.difficulty === 'EASY'),
    ).toBe(true);
    const range = await app.gql('{ tracks(filter: { difficulty: EASY, maxPopularity: 40 }) { totalCount } }');
    expect(range.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter' });
    const coverage = await app.gql<{
      enrichmentCoverage: { tracks: { total: number; enriched: number; percent: number } };
    }>('{ enrichmentCoverage { tracks { total enriched percent stale } } }');
    const total = new Set([...TRACKS.map((t) => t.id), ...shared]).size;
    expect(coverage.data?.enrichmentCoverage.tracks).toMatchObject({ total, enriched: 120 });
  });
});
