import { InsightsClock } from '../src/insights';
import { JobsService } from '../src/jobs/jobs.service';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { createSpotifyTestApp, SpotifyTestApp } from './support/spotify-test-app';
import { adminQueryIn, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
// Two artists nothing in Soundgraph credits yet: no catalog link, no chart, no listening history.
const [tracked, snapshotted] = catalog.artists.filter((a) => a.id !== catalog.known.rueDeVivreArtistId);
const DAY = '2026-03-10';

const ARTIST = `query($id: String!) {
  artist(spotifyId: $id) { spotifyId name genres popularity followers visibility { score } growth { currentFollowers marketsKnown } }
}`;

interface ArtistResult {
  artist: {
    spotifyId: string;
    name: string;
    genres: string[];
    popularity: number | null;
    followers: number | null;
    visibility: { score: number }[];
    growth: { currentFollowers: number | null; marketsKnown: boolean } | null;
  } | null;
}

describe('tracked and snapshotted artists are artists Soundgraph knows (development-mode Spotify)', () => {
  let spotify: SpotifyTestApp;
  let app: TestApp;

  const artist = async (id: string) => {
    const res = await app.gql<ArtistResult>(ARTIST, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.artist;
  };
  const collect = async (id: string) => {
    const res = await app.gql<{ collectArtistInsights: { id: string } }>(
      'mutation($id: String!) { collectArtistInsights(spotifyId: $id) { id } }',
      { id },
    );
    expect(res.errors).toBeUndefined();
    const run = await app.app
      .get(JobsService)
      .waitFor(res.data!.collectArtistInsights.id, { timeoutMs: 30_000 });
    expect(run.error).toBeNull();
    expect(run.status).toBe('SUCCEEDED');
  };

  beforeAll(async () => {
    // development mode: no multi-gets, no top tracks, so no track brings the artist in as a side effect
    spotify = await createSpotifyTestApp(
      { catalog, mode: 'development' },
      { SPOTIFY_API_MODE: 'development' },
    );
    app = spotify.app;
    app.app.get(InsightsClock).useSource(() => Date.parse(`${DAY}T08:00:00Z`));
  });
  afterAll(() => spotify?.close());

  it('knows a tracked artist at once, bare, and keeps what enrichment stored when it is collected', async () => {
    expect(await artist(tracked.id)).toBeNull();

    const res = await app.gql<{ trackArtist: { spotifyId: string; name: string } }>(
      'mutation($id: String!) { trackArtist(spotifyId: $id) { spotifyId name } }',
      { id: tracked.id },
    );
    expect(res.errors).toBeUndefined();
    expect(await artist(tracked.id)).toEqual({
      spotifyId: tracked.id,
      name: tracked.name,
      genres: [],
      popularity: null,
      followers: null,
      visibility: [],
      growth: null,
    });
    // one artist row, credited on no track
    const rows = await adminQueryIn<{ id: string; credits: number }>(
      app.databaseUrl,
      `SELECT a.id, (SELECT count(*)::int FROM track_artist ta WHERE ta.artist_id = a.id) AS credits
         FROM artist a WHERE a.spotify_id = $1`,
      [tracked.id],
    );
    expect(rows).toEqual([{ id: expect.any(String), credits: 0 }]);

    // what another source stored (here: as an extended-mode enrichment would) is never replaced by nothing
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE artist SET popularity = 61, followers = 12345, genres = '{chanson}', genre_source = 'SPOTIFY'
        WHERE spotify_id = $1`,
      [tracked.id],
    );
    await collect(tracked.id);
    // tracking again (after an untrack) keeps them too
    await app.gql('mutation($id: String!) { untrackArtist(spotifyId: $id) }', { id: tracked.id });
    await app.gql('mutation($id: String!) { trackArtist(spotifyId: $id) { spotifyId } }', { id: tracked.id });
    // the snapshot of a development-mode app: no Spotify followers or markets; being tracked, the artist's
    // followers come from Soundcharts (the sandbox emulator, asked by Spotify id), and the score rests on them
    const snapshot = await app.gql<{ artistSnapshot: { followers: number; followersSource: string } }>(
      'query($id: String!) { artistSnapshot(spotifyId: $id) { followers followersSource } }',
      { id: tracked.id },
    );
    expect(snapshot.data!.artistSnapshot).toEqual({
      followers: expect.any(Number),
      followersSource: 'SOUNDCHARTS',
    });
    const followers = snapshot.data!.artistSnapshot.followers;
    const score = Math.round(((25 * Math.min(1, Math.log10(1 + followers) / 7)) / 25) * 100 * 100) / 100;
    expect(await artist(tracked.id)).toEqual({
      spotifyId: tracked.id,
      name: tracked.name,
      genres: ['chanson'],
      popularity: 61,
      followers: 12345,
      visibility: [{ score }],
      growth: { currentFollowers: followers, marketsKnown: false },
    });
    const [again] = await adminQueryIn<{ n: number; id: string }>(
      app.databaseUrl,
      'SELECT count(*)::int AS n, min(id::text) AS id FROM artist WHERE spotify_id = $1',
      [tracked.id],
    );
    expect(again).toEqual({ n: 1, id: rows[0].id });
  });

  it('knows an artist once a snapshot of it is collected, and links the snapshot to it', async () => {
    expect(await artist(snapshotted.id)).toBeNull();
    await collect(snapshotted.id);
    expect(await artist(snapshotted.id)).toMatchObject({
      spotifyId: snapshotted.id,
      name: snapshotted.name,
      popularity: null,
      followers: null,
      growth: { currentFollowers: null, marketsKnown: false },
    });
    const [snapshot] = await adminQueryIn<{ linked: boolean }>(
      app.databaseUrl,
      `SELECT s.artist_id = a.id AS linked FROM artist_snapshot s JOIN artist a ON a.spotify_id = s.spotify_id
        WHERE s.spotify_id = $1 AND s.day = $2`,
      [snapshotted.id, DAY],
    );
    expect(snapshot).toEqual({ linked: true });
    // every lookup was a single-id call: this app has no multi-gets
    const paths = spotify.emulator.requestLog().map((r) => r.path);
    expect(paths).toContain(`/v1/artists/${snapshotted.id}`);
    expect(paths.some((p) => p === '/v1/artists' || p === '/v1/tracks')).toBe(false);
  });
});
