import { InsightsClock } from '../src/insights';
import { JobsService } from '../src/jobs/jobs.service';
import { MusicService } from '../src/music';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const RUE = catalog.known.rueDeVivreArtistId;
const rue = catalog.artistById(RUE)!;
const DAY = '2026-03-10';

const QUERY = `query($id: String!) {
  artistSnapshot(spotifyId: $id) {
    followers followersSource popularity genres activeMarkets markets { market } topTracks { spotifyId }
    audioProfile { tracks } relatedArtists { spotifyId } benchmark { artists } recommendations { spotifyId }
    skipped { part capability reason } }
  growthMetrics(spotifyId: $id) {
    metricId growth { currentFollowers weeklyFollowerGrowth currentPopularity currentMarkets marketsKnown }
    visibility { score followerScore popularityScore marketScore trackScore complete formulaVersion missing { component reason } }
    missing { component reason } }
  artist(spotifyId: $id) { visibility { score } growth { currentFollowers marketsKnown } } }`;

interface Result {
  artistSnapshot: Record<string, unknown> & {
    skipped: { part: string; capability: string | null; reason: string }[];
  };
  growthMetrics: {
    metricId: string;
    growth: Record<string, unknown>;
    visibility: (Record<string, unknown> & { missing: { component: string; reason: string }[] }) | null;
    missing: { component: string; reason: string }[];
  }[];
  artist: { visibility: unknown[]; growth: Record<string, unknown> | null } | null;
}

async function startApp(emulator: SpotifyEmulator): Promise<TestApp> {
  await emulator.start();
  const app = await createTestApp({
    SPOTIFY_API_URL: emulator.apiUrl,
    SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
    SPOTIFY_CLIENT_ID: emulator.clientId,
    SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
    // learn what the app may do from Spotify's own answers
    SPOTIFY_API_MODE: 'auto',
  });
  app.app.get(InsightsClock).useSource(() => Date.parse(`${DAY}T08:00:00Z`));
  // The artist is known to Soundgraph (a catalog link brought it in), so Artist.visibility can be asked for.
  const track = catalog.tracksByArtist(RUE)[0];
  await app.app
    .get(MusicService)
    .upsertSpotifyTracks([
      { spotifyId: track.id, name: track.name, artists: [{ spotifyId: RUE, name: rue.name }] },
    ]);
  return app;
}

async function collect(app: TestApp) {
  const res = await app.gql<{ collectArtistInsights: { id: string } }>(
    'mutation($id: String!) { collectArtistInsights(spotifyId: $id) { id } }',
    { id: RUE },
  );
  const run = await app.app
    .get(JobsService)
    .waitFor(res.data!.collectArtistInsights.id, { timeoutMs: 30_000 });
  expect(run.error).toBeNull();
  expect(run.status).toBe('SUCCEEDED');
  const result = await app.gql<Result>(QUERY, { id: RUE });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

describe('insights of a development-mode Spotify app', () => {
  const emulator = new SpotifyEmulator({ catalog, mode: 'development', rateLimit: false });
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(emulator);
  });
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  it('records every part it could not have, with the capability and the reason, and invents nothing', async () => {
    emulator.clearRequestLog();
    const data = await collect(app);
    expect(data.artistSnapshot).toMatchObject({
      followers: null,
      followersSource: null,
      popularity: null,
      genres: [...rue.genres], // development mode keeps genres
      activeMarkets: null,
      markets: null,
      topTracks: null,
      audioProfile: null,
      relatedArtists: null,
      benchmark: null,
      recommendations: null,
    });
    const skipped = new Map(data.artistSnapshot.skipped.map((s) => [s.part, s]));
    expect([...skipped.keys()].sort()).toEqual(
      [
        'audioProfile',
        'followers',
        'markets',
        'monthlyListeners',
        'popularity',
        'recommendations',
        'relatedArtists',
        'topTracks',
      ].sort(),
    );
    expect(skipped.get('followers')).toMatchObject({ capability: 'artist.followers' });
    expect(skipped.get('followers')!.reason).toContain('followers absent');
    expect(skipped.get('popularity')).toMatchObject({ capability: 'artist.popularity' });
    expect(skipped.get('topTracks')).toMatchObject({ capability: 'artists.topTracks' });
    expect(skipped.get('topTracks')!.reason).toContain('403');
    expect(skipped.get('markets')).toMatchObject({ capability: 'artists.topTracks' });
    expect(skipped.get('relatedArtists')).toMatchObject({ capability: 'relatedArtists' });
    expect(skipped.get('relatedArtists')!.reason).toContain('404');
    expect(skipped.get('recommendations')).toMatchObject({ capability: 'recommendations' });

    // one refused top-tracks call teaches the capability: not one per market; no audio features asked for
    const log = emulator.requestLog();
    expect(log.filter((r) => r.path.endsWith('/top-tracks'))).toEqual([
      expect.objectContaining({ status: 403 }),
    ]);
    expect(log.filter((r) => r.path.startsWith('/v1/audio-features'))).toHaveLength(0);

    // no component at all: no score (not 0), and the reasons of each gap
    const [metric] = data.growthMetrics;
    expect(metric.metricId).toBe(`${RUE}_${DAY}`);
    expect(metric.visibility).toBeNull();
    expect(metric.missing.map((m) => m.component)).toEqual(['followers', 'popularity', 'markets', 'tracks']);
    expect(metric.missing.find((m) => m.component === 'markets')!.reason).toContain('artists.topTracks');
    expect(metric.growth).toEqual({
      currentFollowers: null,
      weeklyFollowerGrowth: null,
      currentPopularity: null,
      currentMarkets: [],
      marketsKnown: false,
    });
    expect(data.artist).toEqual({
      visibility: [],
      growth: { currentFollowers: null, marketsKnown: false },
    });

    // a second run the same day knows the gaps already and asks Spotify for nothing it cannot have
    emulator.clearRequestLog();
    await collect(app);
    expect(emulator.requestLog().map((r) => r.path)).toEqual([`/v1/artists/${RUE}`]);
  });

  it('shows the missing capabilities on the dashboard, with what would restore them', async () => {
    const res = await app.gql<{
      dashboard: {
        visibility: unknown;
        spotify: { mode: string };
        actionItems: { kind: string; message: string; hint: string }[];
      };
    }>(
      'query($id: String!) { dashboard(spotifyId: $id) { visibility { score } spotify { mode } actionItems { kind message hint } } }',
      {
        id: RUE,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.dashboard.visibility).toBeNull();
    // auto mode learns per capability; the multi-gets that name the mode were never tried here
    expect(res.data!.dashboard.spotify.mode).toBe('AUTO');
    const missing = res.data!.dashboard.actionItems.filter((a) => a.kind === 'MISSING_CAPABILITY');
    expect(missing).toHaveLength(2);
    expect(missing[0].message).toMatch(/artist\.followers.*artist\.popularity.*artists\.topTracks/);
    expect(missing[0].hint).toContain('Extended Quota Mode');
    expect(missing[1].message).toMatch(/relatedArtists.*recommendations/);
    expect(missing[1].hint).toContain('2024-11-27');
  });
});

describe('insights of an app without top tracks (the rest rescaled)', () => {
  const emulator = new SpotifyEmulator({ catalog, rateLimit: false });
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(emulator);
    // This app has followers and popularity, but its top-tracks endpoint is refused.
    emulator.injectFault({ status: 403, path: '/top-tracks' });
  });
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  it('scores followers and popularity only, rescaled to 100, complete: false, with the reasons', async () => {
    const data = await collect(app);
    expect(data.artistSnapshot).toMatchObject({
      followers: rue.followers,
      followersSource: 'SPOTIFY',
      popularity: rue.popularity,
      activeMarkets: null,
      topTracks: null,
    });
    const followerPoints = 25 * Math.min(1, Math.log10(1 + rue.followers) / 7);
    const popularityPoints = (25 * rue.popularity) / 100;
    const [metric] = data.growthMetrics;
    expect(metric.visibility).toEqual({
      score: Math.round(((followerPoints + popularityPoints) / 50) * 100 * 100) / 100,
      followerScore: Math.round(followerPoints * 100) / 100,
      popularityScore: Math.round(popularityPoints * 100) / 100,
      marketScore: null,
      trackScore: null,
      complete: false,
      formulaVersion: 'v1',
      missing: [
        { component: 'markets', reason: expect.stringContaining('artists.topTracks') },
        { component: 'tracks', reason: expect.stringContaining('artists.topTracks') },
      ],
    });
    expect(data.artist!.visibility).toEqual([{ score: metric.visibility!.score }]);
  });
});
