import { InsightsClock, InsightsService } from '../src/insights';
import { JobsService } from '../src/jobs/jobs.service';
import { MusicService } from '../src/music';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import {
  artistSnapshot,
  knownSnapshot,
  marketsWithout,
  TRACKED_MARKETS,
} from './factories/artist-snapshot.factory';
import { createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const RUE = catalog.known.rueDeVivreArtistId;
const known = (day: string, followers: number, popularity: number, activeMarkets: string[]) =>
  knownSnapshot(RUE, day, { followers, popularity, activeMarkets, topTrackPopularities: [80, 60] });
const ALL = TRACKED_MARKETS;
const without = marketsWithout;
const snapshot = artistSnapshot;

// A month of history with gaps: nothing between Feb 1 and Feb 20, a development-mode day (Feb 25), two days apart.
const HISTORY = [
  known('2026-02-01', 600_000, 70, ALL),
  known('2026-02-20', 650_000, 71, without('FI')),
  snapshot(RUE, '2026-02-25', {
    skipped: [
      { part: 'followers', capability: 'artist.followers', reason: 'followers absent' },
      { part: 'popularity', capability: 'artist.popularity', reason: 'popularity absent' },
      { part: 'topTracks', capability: 'artists.topTracks', reason: 'top tracks refused (403)' },
      { part: 'markets', capability: 'artists.topTracks', reason: 'markets come from the top tracks (403)' },
    ],
  }),
  known('2026-03-01', 690_000, 72, ALL),
  known('2026-03-03', 699_567, 72, without('NO')),
];

const METRICS = `query($id: String!, $from: Date, $to: Date) { growthMetrics(spotifyId: $id, from: $from, to: $to) {
  metricId date formulaVersion
  growth { currentFollowers weeklyFollowerGrowth monthlyFollowerGrowth currentPopularity weeklyPopularityChange
    monthlyPopularityChange marketsKnown newMarkets lostMarkets }
  visibility { score followerScore popularityScore marketScore trackScore complete }
  missing { component reason } } }`;

const r2 = (n: number) => Math.round(n * 100) / 100;

describe('growth metrics and the visibility score over a history with gaps', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    app.app.get(InsightsClock).useSource(() => Date.parse('2026-03-03T12:00:00Z'));
    await app.app.get(InsightsService).recordSnapshots(HISTORY);
  });
  afterAll(() => app?.close());

  it('computes every day against hand-computed figures', async () => {
    const res = await app.gql<{ growthMetrics: Record<string, unknown>[] }>(METRICS, {
      id: RUE,
      from: '2026-02-01',
      to: '2026-03-03',
    });
    expect(res.errors).toBeUndefined();
    const byDay = new Map(res.data!.growthMetrics.map((m) => [m.date as string, m]));
    expect([...byDay.keys()]).toEqual(['2026-02-01', '2026-02-20', '2026-02-25', '2026-03-01', '2026-03-03']);

    // Mar 3: a week ago (Feb 24) → nearest at or before with a value: Feb 20 (Feb 25 is later and blind);
    // 30 days ago (Feb 1) → Feb 1. Markets against Mar 1: NO lost.
    const followers = (25 * Math.log10(1 + 699_567)) / 7;
    const markets = (25 * 12) / 13;
    expect(byDay.get('2026-03-03')).toEqual({
      metricId: `${RUE}_2026-03-03`,
      date: '2026-03-03',
      formulaVersion: 'v1',
      growth: {
        currentFollowers: 699_567,
        weeklyFollowerGrowth: 49_567,
        monthlyFollowerGrowth: 99_567,
        currentPopularity: 72,
        weeklyPopularityChange: 1,
        monthlyPopularityChange: 2,
        marketsKnown: true,
        newMarkets: [],
        lostMarkets: ['NO'],
      },
      visibility: {
        score: r2(followers + 18 + markets + 17.5),
        followerScore: r2(followers),
        popularityScore: 18,
        marketScore: r2(markets),
        trackScore: 17.5,
        complete: true,
      },
      missing: [],
    });
    // Mar 1: a week ago (Feb 22) → Feb 20; 30 days ago (Jan 30) → nothing; FI back since Feb 20 (Feb 25 knew no markets)
    expect(byDay.get('2026-03-01')).toMatchObject({
      growth: {
        weeklyFollowerGrowth: 40_000,
        monthlyFollowerGrowth: null,
        weeklyPopularityChange: 1,
        monthlyPopularityChange: null,
        newMarkets: ['FI'],
        lostMarkets: [],
      },
    });
    // Feb 20: 19 days after Feb 1 → the weekly reference is Feb 1
    expect(byDay.get('2026-02-20')).toMatchObject({
      growth: { weeklyFollowerGrowth: 50_000, monthlyFollowerGrowth: null, lostMarkets: ['FI'] },
      visibility: { marketScore: r2(markets) },
    });
    // Feb 25 knew nothing: no score, no deltas, and why
    expect(byDay.get('2026-02-25')).toEqual({
      metricId: `${RUE}_2026-02-25`,
      date: '2026-02-25',
      formulaVersion: 'v1',
      growth: {
        currentFollowers: null,
        weeklyFollowerGrowth: null,
        monthlyFollowerGrowth: null,
        currentPopularity: null,
        weeklyPopularityChange: null,
        monthlyPopularityChange: null,
        marketsKnown: false,
        newMarkets: [],
        lostMarkets: [],
      },
      visibility: null,
      missing: [
        { component: 'followers', reason: 'followers absent' },
        { component: 'popularity', reason: 'popularity absent' },
        { component: 'markets', reason: 'markets come from the top tracks (403)' },
        { component: 'tracks', reason: 'top tracks refused (403)' },
      ],
    });
  });

  it('serves Artist.visibility over a range (days without a score left out) and Artist.growth', async () => {
    const track = catalog.tracksByArtist(RUE)[0];
    await app.app
      .get(MusicService)
      .upsertSpotifyTracks([
        { spotifyId: track.id, name: track.name, artists: [{ spotifyId: RUE, name: 'Rue De Vivre' }] },
      ]);
    const res = await app.gql<{
      artist: { visibility: { date: string }[]; all: { date: string }[]; growth: unknown };
    }>(
      `query($id: String!) { artist(spotifyId: $id) {
        visibility(from: "2026-02-20", to: "2026-03-02") { date }
        all: visibility { date }
        growth { date currentFollowers weeklyFollowerGrowth lostMarkets } } }`,
      { id: RUE },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.artist.visibility.map((v) => v.date)).toEqual(['2026-02-20', '2026-03-01']);
    // default range: the last 90 days up to today (Mar 3)
    expect(res.data!.artist.all.map((v) => v.date)).toEqual([
      '2026-02-01',
      '2026-02-20',
      '2026-03-01',
      '2026-03-03',
    ]);
    expect(res.data!.artist.growth).toEqual({
      date: '2026-03-03',
      currentFollowers: 699_567,
      weeklyFollowerGrowth: 49_567,
      lostMarkets: ['NO'],
    });
  });

  it('refuses a reversed or too long range', async () => {
    const reversed = await app.gql(METRICS, { id: RUE, from: '2026-03-03', to: '2026-03-01' });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const long = await app.gql(METRICS, { id: RUE, from: '2024-01-01', to: '2026-03-01' });
    expect(long.errors?.[0].message).toContain('366 days');
  });

  it('recomputes on demand, rewriting only what changed, and follows a replaced snapshot', async () => {
    const jobs = app.app.get(JobsService);
    const start = async () => {
      const res = await app.gql<{ computeGrowthMetrics: { id: string } }>(
        'mutation($ids: [String!]) { computeGrowthMetrics(spotifyIds: $ids) { id } }',
        { ids: [RUE] },
      );
      return jobs.waitFor(res.data!.computeGrowthMetrics.id, { timeoutMs: 30_000 });
    };
    const unchanged = await start();
    expect(unchanged.status).toBe('SUCCEEDED');
    expect(unchanged.result).toEqual({ artists: 1, snapshots: 5, written: 0, formulaVersion: 'v1' });

    // Feb 20 is corrected: Feb 20 itself, and Mar 1 and Mar 3 whose weekly reference it is, change
    await app.app.get(InsightsService).recordSnapshots([known('2026-02-20', 640_000, 71, without('FI'))]);
    const res = await app.gql<{
      growthMetrics: { date: string; growth: { weeklyFollowerGrowth: number } }[];
    }>(METRICS, { id: RUE, from: '2026-03-01', to: '2026-03-03' });
    expect(res.data!.growthMetrics.map((m) => m.growth.weeklyFollowerGrowth)).toEqual([50_000, 59_567]);
  });
});

describe('Artist.visibility and Artist.growth are batched', () => {
  let app: TestApp;
  const artists = catalog.artists.slice(0, 6);
  beforeAll(async () => {
    app = await createTestApp();
    app.app.get(InsightsClock).useSource(() => Date.parse('2026-03-03T12:00:00Z'));
    await app.app.get(MusicService).upsertSpotifyTracks(
      artists.map((a) => {
        const t = catalog.tracksByArtist(a.id)[0];
        return { spotifyId: t.id, name: t.name, artists: [{ spotifyId: a.id, name: a.name }] };
      }),
    );
    await app.app
      .get(InsightsService)
      .recordSnapshots(
        artists.flatMap((a) => [
          snapshot(a.id, '2026-03-02', { followers: a.followers - 10, popularity: a.popularity }),
          snapshot(a.id, '2026-03-03', { followers: a.followers, popularity: a.popularity }),
        ]),
      );
  });
  afterAll(() => app?.close());

  it('sends as many SQL statements for six artists as for one', async () => {
    const page = (name: string, first: number) =>
      `query ${name} { artists(first: ${first}) { edges { node { spotifyId
        visibility(from: "2026-03-01") { date score complete } growth { currentFollowers } } } } }`;
    const one = await app.gql<{ artists: { edges: unknown[] } }>(page('OneArtist', 1));
    const six = await app.gql<{
      artists: {
        edges: { node: { visibility: { complete: boolean }[]; growth: { currentFollowers: number } } }[];
      };
    }>(page('SixArtists', 6));
    expect(one.errors).toBeUndefined();
    expect(six.data!.artists.edges).toHaveLength(6);
    for (const edge of six.data!.artists.edges) {
      expect(edge.node.visibility).toHaveLength(2);
      expect(edge.node.visibility[0].complete).toBe(false);
    }
    const metrics = (await app.http().get('/metrics')).text;
    const sum = (operation: string) =>
      Number(
        metrics.match(
          new RegExp(`soundgraph_graphql_sql_statements_sum\\{operation="${operation}"\\} (\\d+)`),
        )?.[1],
      );
    expect(sum('OneArtist')).toBeGreaterThanOrEqual(3);
    expect(sum('SixArtists')).toBe(sum('OneArtist'));
  });
});
