import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { JobContext } from '../src/jobs';
import { MusicService } from '../src/music';
import { TrackEnrichmentJob } from '../src/enrichment/track-enrichment.job';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();

/** A chunk whose counts do not add up is checked before it commits: its rows stay as they were. */
describe('enrichment apply: a failed count check rolls its chunk back', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the earlier chunk applied and checkpointed, and leaves the failing chunk untouched', async () => {
    const tracks = catalog.tracks.slice(0, 3);
    const ids = await app.app.get(MusicService).upsertSpotifyTracks(
      tracks.map((t) => ({
        spotifyId: t.id,
        name: t.name,
        artists: [{ spotifyId: t.artistIds[0], name: 'x' }],
      })),
    );
    const [a, b, c] = tracks.map((t) => ({ trackId: ids.get(t.id)!, spotifyId: t.id }));
    // Chunks of 2: [a, b] adds up; [c, c] does not (the statement keeps one row per track, so two rows count
    // once), which is what an unvalidated file with a repeated track would do.
    const file = path.join(app.dataDir, 'chunks.csv');
    fs.writeFileSync(
      file,
      [
        'track_id,spotify_id,spotify_popularity,isrc',
        `${a.trackId},${a.spotifyId},11,`,
        `${b.trackId},${b.spotifyId},22,`,
        `${c.trackId},${c.spotifyId},33,`,
        `${c.trackId},${c.spotifyId},34,`,
      ].join('\n') + '\n',
    );
    const saved: { appliedRows: number; apply: { rows: number; updated: number } }[] = [];
    const context = {
      jobRunId: 'rollback-test',
      attempt: 1,
      signal: new AbortController().signal,
      checkpoint: undefined,
      saveCheckpoint: (state: (typeof saved)[number]) => {
        saved.push(JSON.parse(JSON.stringify(state)) as (typeof saved)[number]);
        return Promise.resolve();
      },
      progress: () => Promise.resolve(),
    } as unknown as JobContext<never>;

    await expect(app.app.get(TrackEnrichmentJob).applyFile(file, 2, context, 0)).rejects.toThrow(
      'counts do not add up',
    );

    const rows = await adminQueryIn<{
      id: string;
      popularity: number | null;
      enriched: boolean;
      checked: boolean;
    }>(
      app.databaseUrl,
      `SELECT id, popularity, enriched_at IS NOT NULL AS enriched, checked_at IS NOT NULL AS checked
       FROM track WHERE id = ANY($1::uuid[])`,
      [[a.trackId, b.trackId, c.trackId]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.trackId)).toMatchObject({ popularity: 11, enriched: true, checked: true });
    expect(byId.get(b.trackId)).toMatchObject({ popularity: 22, enriched: true, checked: true });
    expect(byId.get(c.trackId)).toMatchObject({ popularity: null, enriched: false, checked: false });
    // the run resumes after the first chunk
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ appliedRows: 2, apply: { rows: 2, updated: 2 } });
  });

  it('rolls an artist page back, unknown artists included, when its check throws', async () => {
    const music = app.app.get(MusicService);
    const [known, unknown] = catalog.artists.slice(0, 2);
    const ids = await music.upsertSpotifyArtists(
      [known, unknown].map((x) => ({ spotifyId: x.id, name: x.name })),
    );
    const row = {
      artistId: ids.get(known.id)!,
      genres: ['dream pop'],
      genreSource: 'SPOTIFY' as const,
      popularity: 57,
      followers: 1234,
      images: [],
      externalUrl: null,
    };
    const state = () =>
      adminQueryIn(
        app.databaseUrl,
        `SELECT spotify_id, genres, popularity, followers, enriched_at IS NOT NULL AS enriched,
           checked_at IS NOT NULL AS checked
         FROM artist WHERE spotify_id = ANY($1::text[]) ORDER BY spotify_id`,
        [[known.id, unknown.id]],
      );
    const before = await state();
    expect(before.every((r) => r.checked === false && r.enriched === false)).toBe(true);

    let seen: unknown;
    await expect(
      music.applyArtistAttributes([row], [ids.get(unknown.id)!], (counts) => {
        seen = counts;
        throw new Error('forced mismatch');
      }),
    ).rejects.toThrow('forced mismatch');
    expect(seen).toEqual({ updated: 1, unchanged: 0, missing: 0 });
    expect(await state()).toEqual(before);

    // the same page with a check that passes is written: the rollback above is what kept it out
    await music.applyArtistAttributes([row], [ids.get(unknown.id)!], () => undefined);
    const after = await state();
    expect(after.find((r) => r.spotify_id === known.id)).toMatchObject({
      genres: ['dream pop'],
      popularity: 57,
      followers: 1234,
      enriched: true,
    });
    expect(after.every((r) => r.checked === true)).toBe(true);
  });
});
