import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { MusicService } from '../src/music';
import { createSpotifyTestApp, SpotifyTestApp } from './support/spotify-test-app';
import { adminQueryIn, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();

describe('artist enrichment', () => {
  let emulator: SpotifyEmulator;
  let env: SpotifyTestApp;
  let app: TestApp;
  beforeAll(async () => {
    env = await createSpotifyTestApp({ catalog });
    ({ app, emulator } = env);
    // one track per artist brings every artist in
    const tracks = catalog.artists.map((a) => catalog.tracksByArtist(a.id)[0]);
    await app.app.get(MusicService).upsertSpotifyTracks(
      tracks.map((t) => ({
        spotifyId: t.id,
        name: t.name,
        artists: t.artistIds.map((id) => ({ spotifyId: id, name: catalog.artistById(id)!.name })),
      })),
    );
  });
  afterAll(() => env?.close());

  const enrich = async (mode: string, dryRun = false) => {
    const res = await app.gql<{ enrichArtists: { id: string } }>(
      'mutation($input: EnrichInput!) { enrichArtists(input: $input) { id } }',
      { input: { mode, dryRun } },
    );
    const run = await app.app.get(JobsService).waitFor(res.data!.enrichArtists.id, { timeoutMs: 30_000 });
    expect(run.error).toBeNull();
    return run.result as Record<string, unknown> & { file: string };
  };
  const artists = () =>
    adminQueryIn<{
      spotify_id: string;
      genres: string[];
      genre_source: string;
      popularity: number;
      followers: number;
    }>(
      app.databaseUrl,
      'SELECT spotify_id, genres, genre_source, popularity, followers FROM artist ORDER BY spotify_id',
    );

  it('writes the JSONL file with the original fields, and a dry run changes nothing', async () => {
    const before = await artists();
    emulator.clearRequestLog();
    const report = await enrich('BACKFILL', true);
    const count = catalog.artists.length;
    expect(report).toMatchObject({ dryRun: true, requested: count, fetched: count, unknownIds: 0 });
    expect(emulator.requestLog().filter((r) => r.path === '/v1/artists').length).toBe(1);
    expect(path.basename(report.file)).toMatch(/^\d{8}T\d{6}Z_artist_enrichment\.jsonl$/);
    const lines = fs
      .readFileSync(report.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(count);
    expect(Object.keys(lines[0]).sort()).toEqual(
      [
        'artistId',
        'artistName',
        'genres',
        'popularity',
        'followerCount',
        'images',
        'externalUrls',
        'enrichedAt',
        'genreSource',
      ].sort(),
    );
    const rue = lines.find((l) => l.artistId === catalog.known.rueDeVivreArtistId)!;
    const source = catalog.artistById(catalog.known.rueDeVivreArtistId)!;
    expect(rue).toMatchObject({
      artistName: source.name,
      popularity: source.popularity,
      followerCount: source.followers,
      genres: [...source.genres],
      genreSource: 'SPOTIFY',
    });
    // a genre Soundgraph inferred is told apart from one Spotify sent
    const inferred = lines.filter((l) => catalog.known.artistIdsWithoutGenres.includes(l.artistId as string));
    expect(inferred.length).toBeGreaterThan(0);
    expect(inferred.every((l) => l.genreSource === 'INFERRED')).toBe(true);
    expect(await artists()).toEqual(before);
  });

  it('stores Spotify genres, infers for artists without any, and never lets an inference replace a real genre', async () => {
    const report = await enrich('BACKFILL');
    const withoutGenres = catalog.known.artistIdsWithoutGenres;
    expect(report).toMatchObject({
      genres: { SPOTIFY: catalog.artists.length - withoutGenres.length, INFERRED: withoutGenres.length },
    });
    const stored = new Map((await artists()).map((a) => [a.spotify_id, a]));
    for (const a of catalog.artists) {
      const row = stored.get(a.id)!;
      expect(row.popularity).toBe(a.popularity);
      expect(row.followers).toBe(a.followers);
      if (a.genres.length) expect(row).toMatchObject({ genres: [...a.genres], genre_source: 'SPOTIFY' });
      else expect(row.genre_source).toBe('INFERRED');
    }

    // Later the app drops to development mode and Spotify stops sending genres: the real genres stay.
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE artist SET enriched_at = now() - interval '200 days', checked_at = now() - interval '200 days'`,
    );
    emulator.setMode('development', { omitGenres: true });
    try {
      const again = await enrich('BACKFILL');
      expect(again).toMatchObject({
        genres: { INFERRED: catalog.artists.length },
        unavailableFields: { genres: catalog.artists.length, popularity: catalog.artists.length },
        updated: 0,
        unchanged: catalog.artists.length,
      });
      const after = new Map((await artists()).map((a) => [a.spotify_id, a]));
      for (const a of catalog.artists.filter((x) => x.genres.length)) {
        expect(after.get(a.id)).toMatchObject({ genres: [...a.genres], genre_source: 'SPOTIFY' });
      }
    } finally {
      emulator.setMode('extended', { omitGenres: false });
    }
  });

  it('selects nothing in a second backfill of artists the first one checked without changing them', async () => {
    emulator.clearRequestLog();
    const report = await enrich('BACKFILL', true);
    expect(report).toMatchObject({ requested: 0 });
    expect(emulator.requestLog().filter((r) => r.path.startsWith('/v1/artists')).length).toBe(0);
    // enrichedAt still says when the values last changed (200 days ago); the check moved only checked_at
    const rows = await adminQueryIn<{ changed_long_ago: boolean; checked_now: boolean }>(
      app.databaseUrl,
      `SELECT enriched_at < now() - interval '199 days' AS changed_long_ago,
              checked_at > now() - interval '1 hour' AS checked_now FROM artist`,
    );
    expect(rows).toHaveLength(catalog.artists.length);
    expect(rows.every((r) => r.changed_long_ago && r.checked_now)).toBe(true);
  });

  it('filters artists by genre and enrichment need, and reports coverage', async () => {
    const genre = catalog.artists.find((a) => a.genres.length)!.genres[0];
    const res = await app.gql<{
      artists: {
        totalCount: number;
        edges: { node: { genres: string[]; genreSource: string; images: unknown[] } }[];
      };
    }>(
      'query($g: String!) { artists(filter: { genre: $g }) { totalCount edges { node { name genres genreSource images { url width height } } } } }',
      { g: genre.toUpperCase() },
    );
    expect(res.data!.artists.totalCount).toBe(catalog.artists.filter((a) => a.genres.includes(genre)).length);
    expect(
      res.data!.artists.edges.every((e) => e.node.genres.includes(genre) && e.node.images.length === 3),
    ).toBe(true);
    // values unchanged since they were set 200 days ago, but checked just now: not stale, nothing to enrich
    const needs = await app.gql<{ artists: { totalCount: number } }>(
      '{ artists(filter: { needsEnrichment: true }) { totalCount } }',
    );
    expect(needs.data!.artists.totalCount).toBe(0);
    const fine = await app.gql<{ artists: { totalCount: number } }>(
      '{ artists(filter: { needsEnrichment: false }) { totalCount } }',
    );
    expect(fine.data!.artists.totalCount).toBe(catalog.artists.length);
    await adminQueryIn(app.databaseUrl, `UPDATE artist SET checked_at = now() - interval '100 days'`);
    const stale = await app.gql<{ artists: { totalCount: number } }>(
      '{ artists(filter: { needsEnrichment: true }) { totalCount } }',
    );
    expect(stale.data!.artists.totalCount).toBe(catalog.artists.length);
    const fresh = await app.gql<{ artists: { totalCount: number } }>(
      '{ artists(filter: { needsEnrichment: true, staleDays: 365 }) { totalCount } }',
    );
    expect(fresh.data!.artists.totalCount).toBe(0);
    // `unclassified` is what inference says when it knows nothing: not a genre
    const unclassified = (await artists()).filter((a) => a.genres.join() === 'unclassified').length;
    expect(unclassified).toBeGreaterThan(0);
    const coverage = await app.gql<{ enrichmentCoverage: { artists: Record<string, number> } }>(
      '{ enrichmentCoverage { artists { total enriched percent stale withGenres } } }',
    );
    expect(coverage.data!.enrichmentCoverage.artists).toEqual({
      total: catalog.artists.length,
      enriched: catalog.artists.length,
      percent: 100,
      stale: catalog.artists.length,
      withGenres: catalog.artists.length - unclassified,
    });
  });

  it('takes Soundcharts genres when Spotify sends none, but never over Spotify genres', async () => {
    const rueId = catalog.known.rueDeVivreArtistId;
    const bareId = catalog.known.artistIdsWithoutGenres[0];
    await adminQueryIn(
      app.databaseUrl,
      `INSERT INTO soundcharts_artist (artist_id, artist_uuid, status, name, genres, source, fetched_at)
       SELECT id, gen_random_uuid(), 'FOUND', name, '{soundcharts pop}', 'SANDBOX', now()
       FROM artist WHERE spotify_id = ANY($1::text[])`,
      [[rueId, bareId]],
    );
    await adminQueryIn(app.databaseUrl, `UPDATE artist SET checked_at = now() - interval '100 days'`);
    emulator.setMode('development', { omitGenres: true });
    try {
      const report = await enrich('BACKFILL');
      expect(report).toMatchObject({ genres: { SOUNDCHARTS: 2 } });
      const lines = fs
        .readFileSync(report.file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      for (const id of [rueId, bareId]) {
        expect(lines.find((l) => l.artistId === id)).toMatchObject({
          genres: ['soundcharts pop'],
          genreSource: 'SOUNDCHARTS',
        });
      }
    } finally {
      emulator.setMode('extended', { omitGenres: false });
    }
    const stored = new Map((await artists()).map((a) => [a.spotify_id, a]));
    // Spotify's genres stay; an artist whose genre was only inferred takes Soundcharts'
    expect(stored.get(rueId)).toMatchObject({
      genres: [...catalog.artistById(rueId)!.genres],
      genre_source: 'SPOTIFY',
    });
    expect(stored.get(bareId)).toMatchObject({ genres: ['soundcharts pop'], genre_source: 'SOUNDCHARTS' });
  });

  it('enriches in incremental mode the artists first seen this week and not checked since, once', async () => {
    const fresh = catalog.artists.slice(0, 3).map((a) => a.id);
    await adminQueryIn(app.databaseUrl, `UPDATE artist SET created_at = now() - interval '30 days'`);
    // as listening ingestion meets them: new rows, never checked
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE artist SET created_at = now(), checked_at = NULL WHERE spotify_id = ANY($1::text[])`,
      [fresh],
    );
    emulator.clearRequestLog();
    const first = await enrich('INCREMENTAL');
    expect(first).toMatchObject({ requested: 3, fetched: 3 });
    const artistRequests = () => emulator.requestLog().filter((r) => r.path.startsWith('/v1/artists')).length;
    expect(artistRequests()).toBeGreaterThan(0);
    // ingestion queues another run when it meets the next new artist: those already done are not fetched again
    emulator.clearRequestLog();
    const second = await enrich('INCREMENTAL');
    expect(second).toMatchObject({ requested: 0, fetched: 0 });
    expect(artistRequests()).toBe(0);
  });
});
