import { SpotifyCatalog } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { JobContext } from '../src/jobs';
import { MusicService } from '../src/music';
import { TrackEnrichmentJob } from '../src/enrichment/track-enrichment.job';
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
});
