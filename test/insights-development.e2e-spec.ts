import { InsightsClock } from '../src/insights';
import { JobsService } from '../src/jobs/jobs.service';
import { MusicService } from '../src/music';
import { SoundchartsEmulator } from '../src/sandbox/soundcharts';
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

async function startApp(emulator: SpotifyEmulator, env: Record<string, string> = {}): Promise<TestApp> {
  await emulator.start();
  const app = await createTestApp({
    ...env,
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

describe('a tracked artist of a development-mode app, with Soundcharts and no chart cascade', () => {
  const spotify = new SpotifyEmulator({ catalog, mode: 'development', rateLimit: false });
  let emulatorNow = Date.parse(`${DAY}T12:00:00Z`);
  const soundcharts = new SoundchartsEmulator({ catalog, rateLimit: false, now: () => emulatorNow });
  const uuid = soundcharts.data.known.rueDeVivreArtistUuid;
  let app: TestApp;

  beforeAll(async () => {
    await soundcharts.start();
    app = await startApp(spotify, {
      SOUNDCHARTS_API_URL: soundcharts.url,
      SOUNDCHARTS_APP_ID: soundcharts.appId,
      SOUNDCHARTS_API_KEY: soundcharts.apiKey,
      // both providers live: live mode wants an encryption key
      ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      // the first fetch of a series covers this history (one request per series), as the cascade's would
      SOUNDCHARTS_HISTORY_DAYS: '30',
    });
    const tracked = await app.gql('mutation($id: String!) { trackArtist(spotifyId: $id) { spotifyId } }', {
      id: RUE,
    });
    expect(tracked.errors).toBeUndefined();
  });
  afterAll(async () => {
    await app?.close();
    await spotify.stop();
    await soundcharts.stop();
  });

  const moveTo = (day: string) => {
    app.app.get(InsightsClock).useSource(() => Date.parse(`${day}T08:00:00Z`));
    emulatorNow = Date.parse(`${day}T12:00:00Z`);
  };
  const reasonOf = (data: Result, part: string) =>
    data.artistSnapshot.skipped.find((s) => s.part === part)?.reason;
  /** The latest point the emulator serves for the week ending `day`, asked for directly. */
  const served = async (path: string, field: string, day: string) => {
    const start = new Date(Date.parse(`${day}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${soundcharts.url}${path}?startDate=${start}&endDate=${day}`, {
      headers: soundcharts.authHeaders,
    });
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    const last = body.items[body.items.length - 1];
    return { date: String(last.date).slice(0, 10), value: last[field] as number };
  };

  it('records why when Soundcharts fails, takes the snapshot anyway, and asks at most once that day', async () => {
    moveTo(DAY);
    soundcharts.injectFault({ status: 500, path: '/api/v2.9/artist/by-platform/spotify/' });
    soundcharts.clearRequestLog();
    const data = await collect(app);
    expect(data.artistSnapshot).toMatchObject({ followers: null, followersSource: null });
    expect(reasonOf(data, 'followers')).toContain('followers absent');
    expect(reasonOf(data, 'followers')).toContain(`Soundcharts lookup failed on ${DAY}`);
    expect(reasonOf(data, 'followers')).toContain('answered 500');
    expect(soundcharts.requestLog().map((r) => [r.path, r.status])).toEqual([
      [`/api/v2.9/artist/by-platform/spotify/${RUE}`, 500],
    ]);

    soundcharts.clearFaults();
    soundcharts.clearRequestLog();
    const again = await collect(app);
    expect(soundcharts.requestLog()).toEqual([]);
    expect(reasonOf(again, 'followers')).toContain(`looked up on Soundcharts already on ${DAY}`);
  });

  it('the next day looks the artist up by its Spotify id and takes followers from SOUNDCHARTS, as served', async () => {
    const next = '2026-03-11';
    moveTo(next);
    const followers = await served(`/api/v2/artist/${uuid}/audience/spotify`, 'followerCount', next);
    const listeners = await served(`/api/v2/artist/${uuid}/streaming/spotify/listening`, 'value', next);
    soundcharts.clearRequestLog();
    const data = await collect(app);
    expect(data.artistSnapshot).toMatchObject({ followers: followers.value, followersSource: 'SOUNDCHARTS' });
    expect(reasonOf(data, 'followers')).toBeUndefined();
    expect(reasonOf(data, 'monthlyListeners')).toBeUndefined();
    const stored = await app.gql<{
      artistSnapshot: { followersAsOf: string; monthlyListeners: number; monthlyListenersAsOf: string };
    }>(
      'query($id: String!) { artistSnapshot(spotifyId: $id) { followersAsOf monthlyListeners monthlyListenersAsOf } }',
      { id: RUE },
    );
    expect(stored.data!.artistSnapshot).toEqual({
      followersAsOf: followers.date,
      monthlyListeners: listeners.value,
      monthlyListenersAsOf: listeners.date,
    });
    // one lookup, one request per series; no chart, no cascade
    expect(soundcharts.requestLog().map((r) => [r.path, r.status])).toEqual([
      [`/api/v2.9/artist/by-platform/spotify/${RUE}`, 200],
      [`/api/v2/artist/${uuid}/audience/spotify`, 200],
      [`/api/v2/artist/${uuid}/streaming/spotify/listening`, 200],
    ]);
    // the visibility score rests on them
    expect(data.growthMetrics[data.growthMetrics.length - 1].growth.currentFollowers).toBe(followers.value);

    // stored now and recent: collecting again asks Soundcharts nothing
    soundcharts.clearRequestLog();
    const again = await collect(app);
    expect(again.artistSnapshot.followers).toBe(followers.value);
    expect(soundcharts.requestLog()).toEqual([]);
  });
});

describe('insights of a 2026 extended app: no audio features, related artists or recommendations', () => {
  const emulator = new SpotifyEmulator({ catalog, rateLimit: false });
  const MARKETS = 'US GB CA AU DE FR ES IT NL SE NO DK FI'.split(' ');
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const r2 = (n: number) => Math.round(n * 100) / 100;
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(emulator);
    // Multi-gets, popularity, followers, markets and top tracks answer; these three are refused as Spotify does
    // for apps created since 2024-11-27.
    emulator.injectFault({ status: 403, path: '/v1/audio-features' });
    emulator.injectFault({ status: 404, path: '/related-artists' });
    emulator.injectFault({ status: 404, path: '/v1/recommendations' });
  });
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  it('keeps the profile, markets and top tracks, skips the three parts with their reasons, and scores completely', async () => {
    emulator.clearRequestLog();
    const data = await collect(app);
    const top = catalog.topTracks(RUE, 'US');
    expect(data.artistSnapshot).toMatchObject({
      followers: rue.followers,
      followersSource: 'SPOTIFY',
      popularity: rue.popularity,
      genres: [...rue.genres],
      activeMarkets: MARKETS,
      markets: MARKETS.map((market) => ({ market })),
      topTracks: top.map((t) => ({ spotifyId: t.id })),
      audioProfile: null,
      relatedArtists: null,
      benchmark: null,
      recommendations: null,
    });
    const skipped = new Map(data.artistSnapshot.skipped.map((s) => [s.part, s]));
    expect([...skipped.keys()].sort()).toEqual(
      // monthly listeners come from Soundcharts, which this deployment does not have
      ['audioProfile', 'monthlyListeners', 'recommendations', 'relatedArtists'],
    );
    expect(skipped.get('audioProfile')).toMatchObject({ capability: 'audioFeatures' });
    expect(skipped.get('audioProfile')!.reason).toContain('GET /audio-features answered 403');
    expect(skipped.get('relatedArtists')).toMatchObject({ capability: 'relatedArtists' });
    expect(skipped.get('relatedArtists')!.reason).toContain('answered 404');
    expect(skipped.get('recommendations')).toMatchObject({ capability: 'recommendations' });
    expect(skipped.get('recommendations')!.reason).toContain('GET /recommendations answered 404');

    // each refused endpoint was asked once; the related artists' 404 was told from an unknown artist by a lookup
    const log = emulator.requestLog();
    const calls = (path: string) => log.filter((r) => r.path.startsWith(path)).map((r) => r.status);
    expect(calls('/v1/audio-features')).toEqual([403]);
    expect(calls(`/v1/artists/${RUE}/related-artists`)).toEqual([404]);
    expect(calls('/v1/recommendations')).toEqual([404]);
    expect(calls(`/v1/artists/${RUE}/top-tracks`)).toEqual(MARKETS.map(() => 200));
    const related = log.findIndex((r) => r.path === `/v1/artists/${RUE}/related-artists`);
    expect(log.slice(related + 1).filter((r) => r.path === `/v1/artists/${RUE}`)).toEqual([
      expect.objectContaining({ status: 200 }),
    ]);

    // the score needs none of them: all four components, complete
    const followerPoints = 25 * Math.min(1, Math.log10(1 + rue.followers) / 7);
    const popularityPoints = (25 * rue.popularity) / 100;
    const trackPoints = (25 * mean(top.map((t) => t.popularity))) / 100;
    const [metric] = data.growthMetrics;
    expect(metric.visibility).toEqual({
      score: r2(followerPoints + popularityPoints + 25 + trackPoints),
      followerScore: r2(followerPoints),
      popularityScore: r2(popularityPoints),
      marketScore: 25,
      trackScore: r2(trackPoints),
      complete: true,
      formulaVersion: 'v1',
      missing: [],
    });
    expect(metric.missing).toEqual([]);

    // learned in auto mode: those three unavailable, with why; what answered is available
    const status = await app.gql<{
      spotifyStatus: { capabilities: { name: string; available: boolean | null; reason: string | null }[] };
    }>('{ spotifyStatus { capabilities { name available reason } } }');
    expect(status.errors).toBeUndefined();
    const caps = new Map(status.data!.spotifyStatus.capabilities.map((c) => [c.name, c]));
    expect(caps.get('audioFeatures')).toEqual({
      name: 'audioFeatures',
      available: false,
      reason: expect.stringContaining('403') as string,
    });
    expect(caps.get('relatedArtists')).toEqual({
      name: 'relatedArtists',
      available: false,
      reason: expect.stringContaining('404') as string,
    });
    expect(caps.get('recommendations')).toEqual({
      name: 'recommendations',
      available: false,
      reason: expect.stringContaining('404') as string,
    });
    for (const name of ['artists.topTracks', 'artist.followers', 'artist.popularity', 'artist.genres']) {
      expect(caps.get(name)?.available).toBe(true);
    }

    // collecting again the same day does not ask for what the app is known not to have
    emulator.clearRequestLog();
    const again = await collect(app);
    expect(again.artistSnapshot.skipped.map((s) => s.part).sort()).toEqual([...skipped.keys()].sort());
    const paths = emulator.requestLog().map((r) => r.path);
    expect(paths.filter((p) => /audio-features|related-artists|recommendations/.test(p))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('/top-tracks'))).toHaveLength(MARKETS.length);
  });
});
