import { SchedulerRegistry } from '@nestjs/schedule';
import { InsightsClock } from '../src/insights';
import { JobsService } from '../src/jobs/jobs.service';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { runTs } from './support/processes';
import { createTestDatabase } from './support/test-database';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const RUE = catalog.known.rueDeVivreArtistId;
const rue = catalog.artistById(RUE)!;
const MARKETS = 'US GB CA AU DE FR ES IT NL SE NO DK FI'.split(' ');
const DAY = '2026-03-10';
const at = (day: string, time = '09:30:00') => Date.parse(`${day}T${time}Z`);

const SNAPSHOT = `query($id: String!) { artistSnapshot(spotifyId: $id) {
  spotifyId name date followers followersSource followersAsOf popularity genres monthlyListeners trackedMarkets
  activeMarkets markets { market topTracks available meanPopularity } topTracks { spotifyId name popularity markets }
  audioProfile { tracks danceability energy valence tempo acousticness speechiness keys { key count } }
  relatedArtists { spotifyId name followers popularity }
  benchmark { artists medianFollowers medianPopularity followersRank popularityRank }
  recommendations { spotifyId name artists popularity } skipped { part capability reason } } }`;

interface Snapshot {
  date: string;
  followers: number | null;
  followersSource: string | null;
  popularity: number | null;
  genres: string[] | null;
  monthlyListeners: number | null;
  trackedMarkets: string[];
  activeMarkets: string[] | null;
  markets: { market: string; topTracks: number; available: number; meanPopularity: number | null }[] | null;
  topTracks: { spotifyId: string; popularity: number; markets: number }[] | null;
  audioProfile: Record<string, unknown> & { tracks: number; keys: { key: string; count: number }[] };
  relatedArtists: { spotifyId: string; followers: number; popularity: number }[] | null;
  benchmark: Record<string, number> | null;
  recommendations: { spotifyId: string }[] | null;
  skipped: { part: string; capability: string | null; reason: string }[];
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('artist insights (extended mode)', () => {
  const emulator = new SpotifyEmulator({ catalog, rateLimit: false });
  let app: TestApp;
  let clock: InsightsClock;

  beforeAll(async () => {
    await emulator.start();
    app = await createTestApp({
      SPOTIFY_API_URL: emulator.apiUrl,
      SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
      SPOTIFY_CLIENT_ID: emulator.clientId,
      SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
      SPOTIFY_API_MODE: 'extended',
    });
    clock = app.app.get(InsightsClock);
    clock.useSource(() => at(DAY));
  });
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  const collect = async (spotifyId = RUE) => {
    const res = await app.gql<{ collectArtistInsights: { id: string; kind: string; status: string } }>(
      'mutation($id: String!) { collectArtistInsights(spotifyId: $id) { id kind status } }',
      { id: spotifyId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.collectArtistInsights).toMatchObject({ kind: 'insights.collect', status: 'QUEUED' });
    return app.app.get(JobsService).waitFor(res.data!.collectArtistInsights.id, { timeoutMs: 30_000 });
  };
  const snapshot = async () =>
    (await app.gql<{ artistSnapshot: Snapshot | null }>(SNAPSHOT, { id: RUE })).data!.artistSnapshot;

  it('tracks an artist that exists on Spotify, and refuses unknown or malformed ids', async () => {
    const none = await app.gql<{ trackedArtists: unknown[] }>('{ trackedArtists { spotifyId } }');
    // not sandbox mode (Spotify has credentials): nothing is tracked by itself
    expect(none.data!.trackedArtists).toEqual([]);

    const track = (id: string) =>
      app.gql<{ trackArtist: { spotifyId: string; name: string; source: string } }>(
        'mutation($id: String!) { trackArtist(spotifyId: $id) { spotifyId name source } }',
        { id },
      );
    expect((await track(RUE)).data!.trackArtist).toEqual({ spotifyId: RUE, name: rue.name, source: 'USER' });
    const unknown = await track('0000000000000000000000');
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0].message).toContain('Spotify knows no such artist');
    const malformed = await track('not-an-id');
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'spotifyId' });

    const reader = await app.gql(
      'mutation { untrackArtist(spotifyId: "293x3NAIGPR4RCJrFkzs0P") }',
      undefined,
      {
        as: 'reader',
      },
    );
    expect(reader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await app.gql<{ trackedArtists: { spotifyId: string }[] }>(
      '{ trackedArtists { spotifyId } }',
    );
    expect(listed.data!.trackedArtists).toEqual([{ spotifyId: RUE }]);
  });

  it("collects the day's snapshot: profile, 13 markets, top tracks, audio profile, related artists, recommendations", async () => {
    emulator.clearRequestLog();
    const run = await collect();
    expect(run.status).toBe('SUCCEEDED');
    expect(run.result).toMatchObject({
      spotifyId: RUE,
      day: DAY,
      replaced: false,
      activeMarkets: 13,
      topTracks: 10,
    });

    const s = (await snapshot())!;
    expect(s).toMatchObject({
      date: DAY,
      followers: rue.followers,
      followersSource: 'SPOTIFY',
      popularity: rue.popularity,
      genres: [...rue.genres],
      monthlyListeners: null,
      trackedMarkets: MARKETS,
      activeMarkets: MARKETS,
    });
    const top = catalog.topTracks(RUE, 'US');
    expect(s.topTracks!.map((t) => [t.spotifyId, t.popularity, t.markets])).toEqual(
      top.map((t) => [t.id, t.popularity, 13]),
    );
    const meanPopularity = Math.round(mean(top.map((t) => t.popularity)) * 10) / 10;
    expect(s.markets).toEqual(
      MARKETS.map((market) => ({ market, topTracks: 10, available: 10, meanPopularity })),
    );
    const features = top.map((t) => t.audioFeatures);
    expect(s.audioProfile.tracks).toBe(10);
    for (const f of ['danceability', 'energy', 'valence', 'acousticness', 'speechiness'] as const) {
      expect(s.audioProfile[f]).toBe(Math.round(mean(features.map((x) => x[f])) * 1000) / 1000);
    }
    expect(s.audioProfile.tempo).toBe(Math.round(mean(features.map((x) => x.tempo)) * 10) / 10);
    expect(s.audioProfile.keys.reduce((n, k) => n + k.count, 0)).toBe(10);

    const related = catalog.relatedArtists(RUE);
    expect(s.relatedArtists).toEqual(
      related.map((a) => ({
        spotifyId: a.id,
        name: a.name,
        followers: a.followers,
        popularity: a.popularity,
      })),
    );
    expect(s.benchmark).toEqual({
      artists: related.length,
      medianFollowers: median(related.map((a) => a.followers)),
      medianPopularity: median(related.map((a) => a.popularity)),
      followersRank: 1 + related.filter((a) => a.followers > rue.followers).length,
      popularityRank: 1 + related.filter((a) => a.popularity > rue.popularity).length,
    });
    expect(s.recommendations!.length).toBeGreaterThan(0);
    // Spotify has everything; only Soundcharts' monthly listeners are missing (not connected in this deployment)
    expect(s.skipped).toEqual([
      { part: 'monthlyListeners', capability: null, reason: expect.stringContaining('Soundcharts') },
    ]);

    const log = emulator.requestLog();
    const topTrackCalls = log.filter((r) => r.path === `/v1/artists/${RUE}/top-tracks`);
    expect(topTrackCalls.map((r) => r.query.market).sort()).toEqual([...MARKETS].sort());
    const recommendations = log.filter((r) => r.path === '/v1/recommendations');
    expect(recommendations).toHaveLength(1);
    expect(recommendations[0].query.seed_tracks).toBe(
      top
        .slice(0, 5)
        .map((t) => t.id)
        .join(','),
    );
    expect(log.filter((r) => r.path.startsWith('/v1/audio-features'))).toHaveLength(1);

    // the top tracks are now tracks Soundgraph knows, credited to the artist
    const known = await app.gql<{ artist: { name: string } | null }>(
      'query($id: String!) { artist(spotifyId: $id) { name } }',
      { id: RUE },
    );
    expect(known.data!.artist).toEqual({ name: rue.name });
  });

  it('scores visibility v1 from the snapshot, exactly as the README formula says', async () => {
    const res = await app.gql<{
      artist: {
        visibility: Record<string, unknown>[];
        growth: Record<string, unknown>;
      };
    }>(
      `query($id: String!) { artist(spotifyId: $id) {
        visibility { date score followerScore popularityScore marketScore trackScore formulaVersion complete missing { component } }
        growth { date currentFollowers weeklyFollowerGrowth currentPopularity currentMarkets marketsKnown newMarkets lostMarkets } } }`,
      { id: RUE },
    );
    expect(res.errors).toBeUndefined();
    const followerPoints = 25 * Math.min(1, Math.log10(1 + rue.followers) / 7);
    const popularityPoints = (25 * rue.popularity) / 100;
    const trackPoints = (25 * mean(catalog.topTracks(RUE, 'US').map((t) => t.popularity))) / 100;
    const r2 = (n: number) => Math.round(n * 100) / 100;
    expect(res.data!.artist.visibility).toEqual([
      {
        date: DAY,
        score: r2(followerPoints + popularityPoints + 25 + trackPoints),
        followerScore: r2(followerPoints),
        popularityScore: r2(popularityPoints),
        marketScore: 25,
        trackScore: r2(trackPoints),
        formulaVersion: 'v1',
        complete: true,
        missing: [],
      },
    ]);
    expect(res.data!.artist.growth).toEqual({
      date: DAY,
      currentFollowers: rue.followers,
      weeklyFollowerGrowth: null,
      currentPopularity: rue.popularity,
      currentMarkets: MARKETS,
      marketsKnown: true,
      newMarkets: [],
      lostMarkets: [],
    });
  });

  it('replaces the same-day snapshot when collected again, and keeps one per day', async () => {
    const again = await collect();
    expect(again.result).toMatchObject({ day: DAY, replaced: true });
    const count = async (table: string) =>
      (await adminQueryIn<{ n: number }>(app.databaseUrl, `SELECT count(*)::int AS n FROM ${table}`))[0].n;
    expect(await count('artist_snapshot')).toBe(1);
    expect(await count('growth_metric')).toBe(1);

    clock.useSource(() => at('2026-03-11', '00:05:00'));
    const next = await collect();
    expect(next.result).toMatchObject({ day: '2026-03-11', replaced: false });
    expect(await count('artist_snapshot')).toBe(2);
    const metrics = await app.gql<{ growthMetrics: { metricId: string; date: string }[] }>(
      'query($id: String!) { growthMetrics(spotifyId: $id) { metricId date } }',
      { id: RUE },
    );
    expect(metrics.data!.growthMetrics).toEqual([
      { metricId: `${RUE}_2026-03-10`, date: '2026-03-10' },
      { metricId: `${RUE}_2026-03-11`, date: '2026-03-11' },
    ]);
    const byDate = await app.gql<{ latest: { date: string }; earlier: { date: string }; before: null }>(
      `query($id: String!) { latest: artistSnapshot(spotifyId: $id) { date }
        earlier: artistSnapshot(spotifyId: $id, date: "2026-03-10") { date }
        before: artistSnapshot(spotifyId: $id, date: "2026-03-09") { date } }`,
      { id: RUE },
    );
    expect(byDate.data).toEqual({
      latest: { date: '2026-03-11' },
      earlier: { date: '2026-03-10' },
      before: null,
    });
  });

  it('schedules a daily collection of the tracked artists that enqueues each artist once per day', async () => {
    const cron = app.app.get(SchedulerRegistry).getCronJob('insights.collect-tracked.daily');
    expect(String(cron.cronTime.source)).toBe('0 6 * * *');

    const jobs = app.app.get(JobsService);
    const tick = async () => {
      const run = await jobs.start('insights.collect-tracked', {});
      return (await jobs.waitFor(run.id, { timeoutMs: 30_000 })).result;
    };
    expect(await tick()).toEqual({ day: '2026-03-11', tracked: 1, enqueued: 1, alreadyEnqueued: 0 });
    expect(await tick()).toEqual({ day: '2026-03-11', tracked: 1, enqueued: 0, alreadyEnqueued: 1 });
    const [collect] = await adminQueryIn<{ id: string }>(
      app.databaseUrl,
      `SELECT id FROM job_run WHERE dedupe_key = $1`,
      [`insights.collect:${RUE}:2026-03-11`],
    );
    const run = await jobs.waitFor(collect.id, { timeoutMs: 30_000 });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.result).toMatchObject({ spotifyId: RUE, day: '2026-03-11', replaced: true });
  });

  it('fails the job for an artist Spotify does not know', async () => {
    const run = await collect('0000000000000000000000');
    expect(run.status).toBe('FAILED');
    expect(run.error).toContain('Spotify knows no artist');
  });
});

describe('tracked artists in sandbox mode', () => {
  let app: TestApp | undefined;
  afterAll(() => app?.close());

  it('tracks the emulator artist Rue De Vivre at start-up, and an untrack survives a restart', async () => {
    app = await createTestApp();
    const tracked = () =>
      app!.gql<{ trackedArtists: { spotifyId: string; name: string; source: string }[] }>(
        '{ trackedArtists { spotifyId name source } }',
      );
    expect((await tracked()).data!.trackedArtists).toEqual([
      { spotifyId: '293x3NAIGPR4RCJrFkzs0P', name: 'Rue De Vivre', source: 'SANDBOX' },
    ]);
    expect(RUE).toBe('293x3NAIGPR4RCJrFkzs0P');
    // tracked, so known as an artist before any snapshot or track brings it
    const known = await app.gql<{ artist: { spotifyId: string; name: string } | null }>(
      '{ artist(spotifyId: "293x3NAIGPR4RCJrFkzs0P") { spotifyId name } }',
    );
    expect(known.data!.artist).toEqual({ spotifyId: RUE, name: 'Rue De Vivre' });
    const untracked = await app.gql<{ untrackArtist: boolean }>(
      'mutation { untrackArtist(spotifyId: "293x3NAIGPR4RCJrFkzs0P") }',
    );
    expect(untracked.data!.untrackArtist).toBe(true);
    // untracking it again changes nothing, and says so
    const again = await app.gql<{ untrackArtist: boolean }>(
      'mutation { untrackArtist(spotifyId: "293x3NAIGPR4RCJrFkzs0P") }',
    );
    expect(again.data!.untrackArtist).toBe(false);
    const databaseUrl = app.databaseUrl;
    await app.close();
    app = await createTestApp({}, databaseUrl);
    expect((await tracked()).data!.trackedArtists).toEqual([]);
  }, 60_000);
});

describe('soundgraph insights collect', () => {
  const emulator = new SpotifyEmulator({ catalog, rateLimit: false });
  let databaseUrl: string;
  const cli = (...args: string[]) =>
    runTs('src/cli/main.ts', args, {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SPOTIFY_API_URL: emulator.apiUrl,
      SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
      SPOTIFY_CLIENT_ID: emulator.clientId,
      SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
      SPOTIFY_API_MODE: 'extended',
    });
  beforeAll(async () => {
    await emulator.start();
    databaseUrl = await createTestDatabase();
  });
  afterAll(() => emulator.stop());

  it('exits non-zero, saying why, when the run was rescheduled by a long rate limit', async () => {
    emulator.injectFault({ status: 429, retryAfter: 3600, count: 1, path: `/v1/artists/${RUE}` });
    const started = Date.now();
    const result = await cli('insights', 'collect', RUE);
    expect(result.code).toBe(1);
    const reason = /insights collect not done: (.*); rescheduled until (\S+), a worker will finish job/.exec(
      result.stderr,
    );
    expect(reason?.[1]).toContain('Spotify rate limit; retry in 3600 s');
    // about an hour from now
    const until = Date.parse(reason![2]);
    expect(until).toBeGreaterThanOrEqual(started + 3_599_000);
    expect(until).toBeLessThan(Date.now() + 3_601_000);
    const runs = await adminQueryIn<{ status: string }>(
      databaseUrl,
      `SELECT status FROM job_run WHERE kind = 'insights.collect'`,
    );
    expect(runs).toEqual([{ status: 'QUEUED' }]);
    expect(await adminQueryIn(databaseUrl, 'SELECT 1 FROM artist_snapshot')).toHaveLength(0);
  }, 60_000);
});
