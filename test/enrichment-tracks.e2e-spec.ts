import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { MusicService } from '../src/music';
import { EnrichmentService } from '../src/enrichment';
import { TRACK_CSV_HEADER } from '../src/enrichment/track-enrichment-file';
import { createSpotifyTestApp, SpotifyTestApp } from './support/spotify-test-app';
import { adminQueryIn, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const TRACKS = catalog.tracks.slice(0, 120);
/** A well-formed Spotify id the catalog does not have: Spotify answers null for it. */
const UNKNOWN_SPOTIFY_ID = '0000000000000000000000';

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
    expect(catalog.trackById(UNKNOWN_SPOTIFY_ID)).toBeUndefined();
    await app.app
      .get(MusicService)
      .upsertSpotifyTracks([{ spotifyId: UNKNOWN_SPOTIFY_ID, name: 'Gone From Spotify', artists: [] }]);
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
  const known = <T extends { spotify_id: string }>(rows: T[]) =>
    rows.filter((r) => r.spotify_id !== UNKNOWN_SPOTIFY_ID);
  const trackIds = () =>
    adminQueryIn<{ id: string; spotify_id: string }>(app.databaseUrl, 'SELECT id, spotify_id FROM track');
  const applyFile = (file: string) =>
    app.gql<{ applyTrackEnrichment: { id: string } }>(
      'mutation($f: String!) { applyTrackEnrichment(file: $f) { id } }',
      { f: file },
      { as: 'admin' },
    );
  const multiGets = () => emulator.requestLog().filter((r) => r.path === '/v1/tracks').length;
  const singleGets = () => emulator.requestLog().filter((r) => /^\/v1\/tracks\/\w+$/.test(r.path)).length;

  it('writes the audit CSV in a dry run, byte for byte, with empty cells for an id Spotify does not know, and changes nothing', async () => {
    const before = await state();
    emulator.clearRequestLog();
    const report = await enrich({ mode: 'BACKFILL', dryRun: true });
    expect(report).toMatchObject({ dryRun: true, requested: 121, fetched: 120, unknownIds: 1 });
    expect(multiGets()).toBe(Math.ceil(121 / 50));
    expect(path.basename(report.file)).toMatch(/^spotify_enrichment_\d{8}_\d{6}\.csv$/);
    // rows in track id order (the order the run pages in), an unknown value as an empty cell
    const ordered = await adminQueryIn<{ id: string; spotify_id: string }>(
      app.databaseUrl,
      'SELECT id, spotify_id FROM track ORDER BY id',
    );
    const expected = ordered.map(({ id, spotify_id }) => {
      const t = catalog.trackById(spotify_id);
      return t ? `${id},${spotify_id},${t.popularity},${t.isrc}` : `${id},${spotify_id},,`;
    });
    expect(expected.filter((l) => l.endsWith(',,'))).toHaveLength(1);
    expect(fs.readFileSync(report.file, 'utf8')).toBe(
      `${TRACK_CSV_HEADER.join(',')}\n${expected.join('\n')}\n`,
    );
    expect(await state()).toEqual(before);
  });

  it('applies popularity and ISRC with 3 multi-gets in extended mode, and a second apply of the file changes nothing', async () => {
    emulator.clearRequestLog();
    const report = await enrich({ mode: 'BACKFILL' });
    expect(report).toMatchObject({
      requested: 121,
      fetched: 120,
      unknownIds: 1,
      updated: 120,
      unchanged: 0,
      missing: 0,
      empty: 1,
    });
    expect(multiGets()).toBe(3);
    const rows = await state();
    const byId = new Map(TRACKS.map((t) => [t.id, t]));
    expect(
      known(rows).every(
        (r) => r.popularity === byId.get(r.spotify_id)!.popularity && r.isrc === byId.get(r.spotify_id)!.isrc,
      ),
    ).toBe(true);
    // the unknown id was checked (so a backfill leaves it until stale) but nothing was enriched
    const [gone] = await adminQueryIn<{ enriched_at: Date | null; checked_at: Date | null }>(
      app.databaseUrl,
      'SELECT enriched_at, checked_at FROM track WHERE spotify_id = $1',
      [UNKNOWN_SPOTIFY_ID],
    );
    expect(gone.enriched_at).toBeNull();
    expect(gone.checked_at).not.toBeNull();

    const again = await applyFile(path.relative(app.dataDir, report.file));
    const run = await jobs.waitFor(again.data!.applyTrackEnrichment.id, { timeoutMs: 30_000 });
    expect(run.result).toEqual({ rows: 121, updated: 0, unchanged: 120, missing: 0, empty: 1 });
    expect(await state()).toEqual(rows);
  });

  it('keeps known popularity in development mode, reports it unavailable, and makes single gets', async () => {
    const before = await state();
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE track SET checked_at = now() - interval '100 days',
         enriched_at = CASE WHEN enriched_at IS NOT NULL THEN now() - interval '100 days' END`,
    );
    emulator.setMode('development');
    emulator.clearRequestLog();
    try {
      const report = await enrich({ mode: 'BACKFILL' });
      expect(report).toMatchObject({
        requested: 121,
        fetched: 120,
        unknownIds: 1,
        unavailableFields: { popularity: 120, isrc: 0 },
        updated: 0,
      });
      expect(singleGets()).toBe(121);
      // batches already in flight when the app learns multi-gets are gone: at most one refusal each, then single gets
      const refused = emulator.requestLog().filter((r) => r.path === '/v1/tracks');
      expect(refused.length).toBeLessThanOrEqual(Math.ceil(120 / 50));
      expect(refused.every((r) => r.status === 403)).toBe(true);
      expect(await state()).toEqual(before);
    } finally {
      emulator.setMode('extended');
    }
  });

  it('selects nothing in a second backfill of rows the first one checked without changing them', async () => {
    emulator.clearRequestLog();
    const report = await enrich({ mode: 'BACKFILL', dryRun: true });
    expect(report).toMatchObject({ requested: 0 });
    expect(multiGets() + singleGets()).toBe(0);
    // enrichedAt still says when the values last changed; the check moved only checked_at
    const rows = await adminQueryIn<{ changed_long_ago: boolean; checked_now: boolean }>(
      app.databaseUrl,
      `SELECT enriched_at < now() - interval '99 days' AS changed_long_ago,
              checked_at > now() - interval '1 hour' AS checked_now
       FROM track WHERE spotify_id <> $1`,
      [UNKNOWN_SPOTIFY_ID],
    );
    expect(rows.every((r) => r.changed_long_ago && r.checked_now)).toBe(true);
    const coverage = await app.gql<{ enrichmentCoverage: { tracks: { stale: number; enriched: number } } }>(
      '{ enrichmentCoverage { tracks { enriched stale } } }',
    );
    expect(coverage.data?.enrichmentCoverage.tracks).toEqual({ enriched: 120, stale: 0 });
  });

  it('selects only tracks first seen in the last 7 days in incremental mode', async () => {
    await adminQueryIn(app.databaseUrl, `UPDATE track SET created_at = now() - interval '30 days'`);
    await adminQueryIn(app.databaseUrl, `UPDATE track SET created_at = now() WHERE spotify_id = $1`, [
      TRACKS[0].id,
    ]);
    const report = await enrich({ mode: 'INCREMENTAL', dryRun: true });
    expect(report).toMatchObject({ requested: 1, fetched: 1 });
  });

  it('fetches nothing in a second incremental run: the first one checked the new tracks', async () => {
    await adminQueryIn(app.databaseUrl, `UPDATE track SET created_at = now() - interval '30 days'`);
    const fresh = TRACKS.slice(1, 4).map((t) => t.id);
    await adminQueryIn(app.databaseUrl, `UPDATE track SET created_at = now() WHERE spotify_id = ANY($1)`, [
      fresh,
    ]);
    emulator.clearRequestLog();
    const first = await enrich({ mode: 'INCREMENTAL' });
    expect(first).toMatchObject({ requested: 3, fetched: 3 });
    expect(multiGets() + singleGets()).toBeGreaterThan(0);

    emulator.clearRequestLog();
    const second = await enrich({ mode: 'INCREMENTAL' });
    expect(second).toMatchObject({ requested: 0, fetched: 0 });
    expect(multiGets() + singleGets()).toBe(0);
  });

  it('refuses a bad reviewed file, listing its lines, and applies nothing', async () => {
    const before = await state();
    const [{ id }] = await adminQueryIn<{ id: string }>(
      app.databaseUrl,
      'SELECT id FROM track WHERE spotify_id = $1',
      [TRACKS[0].id],
    );
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

  it('refuses a reviewed file that repeats a track, names an unknown one or pairs one with another Spotify id', async () => {
    const before = await state();
    const ids = new Map((await trackIds()).map((r) => [r.spotify_id, r.id]));
    const [a, b, c, d] = TRACKS;
    const row = (spotifyId: string, popularity: number, trackId = ids.get(spotifyId)!) =>
      `${trackId},${spotifyId},${popularity},`;
    fs.writeFileSync(
      path.join(app.dataDir, 'exports', 'repeated.csv'),
      [
        TRACK_CSV_HEADER.join(','),
        row(a.id, 1),
        row(b.id, 2),
        row(a.id, 3), // the same track again, another value: which one would win?
        row(c.id, 4, randomUUID()), // no such track
        row(d.id, 5, ids.get(c.id)), // c's track with d's Spotify id
        row(b.id, 2),
        '',
      ].join('\n'),
    );
    const res = await applyFile('exports/repeated.csv');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    const message = res.errors?.[0]?.message ?? '';
    expect(message).toContain('4 bad line(s), nothing applied');
    expect(message).toContain(`line 4: track_id "${ids.get(a.id)}" repeats line 2`);
    expect(message).toMatch(/line 5: track_id "[0-9a-f-]{36}" is not a track Soundgraph has/);
    expect(message).toContain(
      `line 6: spotify_id "${d.id}" is not the Spotify id of track ${ids.get(c.id)} (it is ${c.id})`,
    );
    expect(message).toContain(`line 7: track_id "${ids.get(b.id)}" repeats line 3`);
    expect(await state()).toEqual(before);
  });

  it('takes a CLI path from the working directory, and refuses an API path that a link leads out of DATA_DIR', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reviewed-'));
    const [a] = TRACKS;
    const id = (await trackIds()).find((r) => r.spotify_id === a.id)!.id;
    const file = path.join(outside, 'reviewed.csv');
    fs.writeFileSync(file, `${TRACK_CSV_HEADER.join(',')}\n${id},${a.id},${a.popularity},${a.isrc}\n`);
    const cwd = process.cwd();
    try {
      // `soundgraph enrich apply reviewed.csv` means the file in the operator's working directory
      process.chdir(outside);
      const { payload } = await app.app
        .get(EnrichmentService)
        .applyTrackFile('reviewed.csv', { anywhere: true });
      expect(payload.file).toBe(path.join(process.cwd(), 'reviewed.csv'));
      expect(fs.existsSync(path.join(app.dataDir, 'reviewed.csv'))).toBe(false);
      process.chdir(cwd);

      const link = path.join(app.dataDir, 'exports', 'link.csv');
      fs.symlinkSync(file, link);
      const res = await applyFile('exports/link.csv');
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
      expect(res.errors?.[0]?.message).toContain('must be inside DATA_DIR');
    } finally {
      process.chdir(cwd);
      fs.rmSync(outside, { recursive: true, force: true });
    }
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
    expect(shared).toHaveLength(3);
    const group = async (id: string) => {
      const res = await app.gql<{ track: { duplicates: { spotifyId: string }[]; isrcConflict: boolean } }>(
        'query($id: String!) { track(spotifyId: $id) { isrc duplicates { spotifyId } isrcConflict } }',
        { id },
      );
      expect(res.errors).toBeUndefined();
      return {
        duplicates: res.data!.track.duplicates.map((d) => d.spotifyId).sort(),
        isrcConflict: res.data!.track.isrcConflict,
      };
    };
    const others = (id: string) => shared.filter((x) => x !== id).sort();
    const durations = (ms: number[]) =>
      adminQueryIn(
        app.databaseUrl,
        `UPDATE track t SET duration_ms = d.ms
         FROM unnest($1::text[], $2::int[]) AS d(sid, ms) WHERE t.spotify_id = d.sid`,
        [shared, ms],
      );
    // durations at most 5 s apart (5000 ms exactly): one recording, the others are its duplicates
    await durations([200_000, 205_000, 202_000]);
    for (const id of shared) expect(await group(id)).toEqual({ duplicates: others(id), isrcConflict: false });
    // 1 ms more: a conflict, flagged instead of treated as duplicates
    await durations([200_000, 205_001, 202_000]);
    for (const id of shared) expect(await group(id)).toEqual({ duplicates: [], isrcConflict: true });

    // the same length but other artists on one of them: a conflict too
    await durations([200_000, 200_000, 200_000]);
    expect(await group(shared[0])).toEqual({ duplicates: others(shared[0]), isrcConflict: false });
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE track_artist ta SET artist_id = (SELECT id FROM artist WHERE id <> ta.artist_id LIMIT 1)
       WHERE track_id = (SELECT id FROM track WHERE spotify_id = $1)`,
      [shared[2]],
    );
    for (const id of shared) expect(await group(id)).toEqual({ duplicates: [], isrcConflict: true });

    // the ISRC filter takes the printed form (dashes, any case) and refuses what is not an ISRC
    const isrc = catalog.known.sharedIsrc;
    const printed =
      `${isrc.slice(0, 2)}-${isrc.slice(2, 5)}-${isrc.slice(5, 7)}-${isrc.slice(7)}`.toLowerCase();
    const byIsrc = await app.gql<{ tracks: { totalCount: number } }>(
      'query($isrc: String!) { tracks(filter: { isrc: $isrc }) { totalCount } }',
      { isrc: printed },
    );
    expect(byIsrc.data?.tracks.totalCount).toBe(shared.length);
    for (const bad of ['FRXXX24', 'FR-XXX-24-0000A', '']) {
      const refused = await app.gql(
        'query($isrc: String!) { tracks(filter: { isrc: $isrc }) { totalCount } }',
        { isrc: bad },
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.isrc' });
    }

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
    const total = new Set([...TRACKS.map((t) => t.id), ...shared, UNKNOWN_SPOTIFY_ID]).size;
    expect(coverage.data?.enrichmentCoverage.tracks).toMatchObject({ total, enriched: 120 });
  });
});
