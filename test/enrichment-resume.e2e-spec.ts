import { SpotifyCatalog } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { JobContext } from '../src/jobs';
import { MusicService } from '../src/music';
import { TrackEnrichmentJob } from '../src/enrichment/track-enrichment.job';
import { ArtistEnrichmentJob } from '../src/enrichment/artist-enrichment.job';
import * as fs from 'node:fs';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const TRACKS = catalog.tracks.slice(200, 300);

async function seed(app: TestApp) {
  await app.app.get(MusicService).upsertSpotifyTracks(
    TRACKS.map((t) => ({
      spotifyId: t.id,
      name: t.name,
      artists: [{ spotifyId: t.artistIds[0], name: 'x' }],
    })),
  );
}

const snapshot = (app: TestApp) =>
  adminQueryIn(
    app.databaseUrl,
    `SELECT spotify_id, popularity, isrc, popularity_source, enriched_at IS NOT NULL AS enriched FROM track ORDER BY spotify_id`,
  );

describe('track enrichment resumes after a crash', () => {
  let whole: TestApp;
  let crashed: TestApp;
  beforeAll(async () => {
    [whole, crashed] = await Promise.all([createTestApp(), createTestApp()]);
    await Promise.all([seed(whole), seed(crashed)]);
  });
  afterAll(async () => {
    await whole?.close();
    await crashed?.close();
  });

  it('ends a run killed after its first chunk, run again, with the same database as an uninterrupted run', async () => {
    const payload = { mode: 'BACKFILL' as const, chunkSize: 25 };
    const jobs = whole.app.get(JobsService);
    const run = await jobs.createInline('spotify.enrich-tracks', payload);
    expect((await jobs.runInline(run.id)).status).toBe('SUCCEEDED');

    // The same job in the other database, its process "killed" right after the first chunk was applied.
    const job = crashed.app.get(TrackEnrichmentJob);
    let saved: unknown;
    const context = (checkpoint: unknown, killAfterFirstChunk: boolean): JobContext<never> =>
      ({
        jobRunId: 'crash-test',
        attempt: 1,
        signal: new AbortController().signal,
        checkpoint,
        saveCheckpoint: (state: unknown) => {
          saved = state;
          return Promise.resolve();
        },
        progress: () => {
          const s = saved as { phase: string; appliedRows: number } | undefined;
          if (killAfterFirstChunk && s?.phase === 'apply' && s.appliedRows > 0) throw new Error('killed');
          return Promise.resolve();
        },
      }) as unknown as JobContext<never>;
    await expect(job.run(payload, context(undefined, true))).rejects.toThrow('killed');
    const partial = await adminQueryIn<{ n: number }>(
      crashed.databaseUrl,
      'SELECT count(*)::int AS n FROM track WHERE enriched_at IS NOT NULL',
    );
    expect(partial[0].n).toBe(25);
    const report = await job.run(payload, context(saved, false));
    expect(report).toMatchObject({ requested: 100, updated: 100, unchanged: 0 });

    expect(await snapshot(crashed)).toEqual(await snapshot(whole));
    expect((await snapshot(whole)).every((r) => r.enriched === true)).toBe(true);
  });

  it('ends an artist run killed between applying a page and saving its checkpoint with each artist once in its file', async () => {
    const payload = { mode: 'BACKFILL' as const, pageSize: 3 };
    for (const app of [whole, crashed]) {
      await app.app
        .get(MusicService)
        .upsertSpotifyArtists(catalog.artists.map((a) => ({ spotifyId: a.id, name: a.name })));
    }
    const jobs = whole.app.get(JobsService);
    const run = await jobs.createInline('spotify.enrich-artists', payload);
    const done = await jobs.runInline(run.id);
    expect(done.status).toBe('SUCCEEDED');
    const wholeReport = done.result as { file: string; requested: number };
    expect(wholeReport.requested).toBeGreaterThan(2 * payload.pageSize);

    // The same run in the other database, "killed" after its second page was written and applied but before
    // that page's checkpoint was saved: the file holds a page the checkpoint does not know about.
    const job = crashed.app.get(ArtistEnrichmentJob);
    let saved: unknown;
    let saves = 0;
    const context = (checkpoint: unknown, killAtSave?: number): JobContext<never> =>
      ({
        jobRunId: 'crash-test',
        attempt: 1,
        signal: new AbortController().signal,
        checkpoint,
        saveCheckpoint: (state: unknown) => {
          if (++saves === killAtSave) throw new Error('killed');
          saved = JSON.parse(JSON.stringify(state)); // stored as JSON, as the job queue does

          return Promise.resolve();
        },
        progress: () => Promise.resolve(),
      }) as unknown as JobContext<never>;
    await expect(job.run(payload, context(undefined, 2))).rejects.toThrow('killed');
    const report = await job.run(payload, context(saved));
    expect(report.requested).toBe(wholeReport.requested);

    // each run's own time aside, and in Spotify id order (the two databases number artists differently)
    const lines = (file: string) =>
      fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown> & { artistId: string })
        .map((line) => ({ ...line, enrichedAt: undefined }))
        .sort((a, b) => a.artistId.localeCompare(b.artistId));
    const resumed = lines(report.file);
    const ids = resumed.map((l) => l.artistId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(resumed).toEqual(lines(wholeReport.file));
    const artists = (app: TestApp) =>
      adminQueryIn(
        app.databaseUrl,
        `SELECT spotify_id, genres, genre_source, popularity, followers, enriched_at IS NOT NULL AS enriched,
           checked_at IS NOT NULL AS checked
         FROM artist ORDER BY spotify_id`,
      );
    expect(await artists(crashed)).toEqual(await artists(whole));
  });
});
