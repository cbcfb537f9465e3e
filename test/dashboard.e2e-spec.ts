import { InsightsClock, InsightsService } from '../src/insights';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { knownSnapshot, marketsWithout, TRACKED_MARKETS } from './factories/artist-snapshot.factory';
import { runTs } from './support/processes';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const RUE = catalog.known.rueDeVivreArtistId;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The app's clock is held here: its "today" cannot move past midnight between the fixtures and the assertions. */
const NOW = Date.now();
const daysAgo = (n: number) => dayOf(NOW - n * 86_400_000);

const TODAY = daysAgo(0);
const snapshot = (day: string, followers: number, popularity: number, activeMarkets: string[]) =>
  knownSnapshot(
    RUE,
    day,
    { followers, popularity, activeMarkets, topTrackPopularities: [80, 60] },
    { name: 'Rue De Vivre', genres: ['chanson', 'french pop'] },
  );

// Hand-computed from the history below: today against 7 days ago (690,000; 71) and 30 days ago (650,000; 70);
// FI lost yesterday, still lost today (the day's own figures lose nothing more); visibility v1 of 699,567
// followers, popularity 72, 12 of 13 markets, tracks 80 and 60.
const WEEKLY = 9_567;
const MONTHLY = 49_567;
const FOLLOWER_POINTS = (25 * Math.log10(1 + 699_567)) / 7;
const SCORE = Math.round((FOLLOWER_POINTS + 18 + (25 * 12) / 13 + 17.5) * 100) / 100;

const DASHBOARD = `query($id: String!) { dashboard(spotifyId: $id) {
  spotifyId name tracked today
  catalog { artistName totalWorks linkedWorks coveragePercent unlinkedWorks }
  enrichment { tracksTotal tracksEnriched artistsTotal artistsEnriched }
  spotify { mode snapshotDate daysSinceSnapshot followers followersSource popularity activeMarkets trackedMarkets
    genres unavailableCapabilities { name } }
  visibility { score complete formulaVersion }
  growth { weeklyFollowerGrowth monthlyFollowerGrowth weeklyPopularityChange monthlyPopularityChange newMarkets lostMarkets }
  trendsFrom trends { metric values latest }
  topTracks { name popularity }
  actionItems { kind message hint } } }`;

interface Dashboard {
  catalog: Record<string, number | string | null>;
  spotify: Record<string, unknown>;
  visibility: Record<string, unknown> | null;
  growth: Record<string, unknown> | null;
  trendsFrom: string;
  trends: { metric: string; values: (number | null)[]; latest: number | null }[];
  topTracks: { name: string; popularity: number }[];
  actionItems: { kind: string; message: string; hint: string }[];
  [key: string]: unknown;
}

describe('dashboard', () => {
  let app: TestApp;
  let env: Record<string, string>;
  let neverEnriched: { tracks: number; artists: number };

  beforeAll(async () => {
    // Sandbox mode: the emulator serves Spotify and Rue De Vivre is tracked.
    app = await createTestApp({ SPOTIFY_API_MODE: 'extended' });
    app.app.get(InsightsClock).useSource(() => NOW);
    env = {
      DATABASE_URL: app.databaseUrl,
      DATA_DIR: app.dataDir,
      SPOTIFY_API_MODE: 'extended',
      LOG_LEVEL: 'warn',
    };
    const tracks = catalog.tracksByArtist(RUE).slice(0, 3);
    const created = await app.gql<{ createWorks: { id: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id } }',
      {
        input: [
          ...tracks.map((t) => ({ title: t.name, artistName: 'Rue De Vivre' })),
          // the artist's too (names match ignoring case)
          { title: 'Unreleased Demo', artistName: 'rue de vivre' },
          // another artist's work: not on Rue De Vivre's dashboard
          { title: 'Somebody Else Song', artistName: 'Somebody Else' },
        ],
      },
    );
    for (const [i, t] of tracks.entries()) {
      const linked = await app.gql('mutation($input: LinkWorkInput!) { linkWork(input: $input) { id } }', {
        input: { workId: created.data!.createWorks[i].id, spotifyTrack: t.id },
      });
      expect(linked.errors).toBeUndefined();
    }
    const [counts] = await adminQueryIn<{ tracks: number; artists: number }>(
      app.databaseUrl,
      `SELECT (SELECT count(*)::int FROM track WHERE spotify_id IS NOT NULL AND enriched_at IS NULL) AS tracks,
              (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL AND enriched_at IS NULL) AS artists`,
    );
    neverEnriched = counts;
    await app.app
      .get(InsightsService)
      .recordSnapshots([
        snapshot(daysAgo(30), 650_000, 70, TRACKED_MARKETS),
        snapshot(daysAgo(7), 690_000, 71, TRACKED_MARKETS),
        snapshot(daysAgo(1), 699_000, 72, marketsWithout('FI')),
        snapshot(TODAY, 699_567, 72, marketsWithout('FI')),
      ]);
  }, 60_000);
  afterAll(() => app?.close());

  it('serves the numbers over GraphQL: catalog, Spotify status, visibility, growth, 30-day trends, actions', async () => {
    const res = await app.gql<{ dashboard: Dashboard }>(DASHBOARD, { id: RUE });
    expect(res.errors).toBeUndefined();
    const d = res.data!.dashboard;
    expect(d).toMatchObject({ spotifyId: RUE, name: 'Rue De Vivre', tracked: true, today: TODAY });
    // the artist's works only: not Somebody Else's
    expect(d.catalog).toEqual({
      artistName: 'Rue De Vivre',
      totalWorks: 4,
      linkedWorks: 3,
      coveragePercent: 75,
      unlinkedWorks: 1,
    });
    expect(d.spotify).toEqual({
      mode: 'EXTENDED',
      snapshotDate: TODAY,
      daysSinceSnapshot: 0,
      followers: 699_567,
      followersSource: 'SPOTIFY',
      popularity: 72,
      activeMarkets: marketsWithout('FI'),
      trackedMarkets: TRACKED_MARKETS,
      genres: ['chanson', 'french pop'],
      unavailableCapabilities: [],
    });
    expect(d.visibility).toEqual({ score: SCORE, complete: true, formulaVersion: 'v1' });
    expect(d.growth).toEqual({
      weeklyFollowerGrowth: WEEKLY,
      monthlyFollowerGrowth: MONTHLY,
      weeklyPopularityChange: 1,
      monthlyPopularityChange: 2,
      newMarkets: [],
      lostMarkets: [],
    });
    // 30 days ending today: 30 days ago is outside the window
    expect(d.trendsFrom).toBe(daysAgo(29));
    const followers = d.trends.find((t) => t.metric === 'followers')!;
    expect(followers.values).toHaveLength(30);
    expect(followers.values.filter((v) => v !== null)).toEqual([690_000, 699_000, 699_567]);
    expect(followers.values[22]).toBe(690_000);
    expect(followers.latest).toBe(699_567);
    expect(d.trends.find((t) => t.metric === 'markets')!.latest).toBe(12);
    expect(d.trends.find((t) => t.metric === 'visibility')!.latest).toBe(SCORE);
    expect(d.topTracks).toEqual([
      { name: 'Fixture track 1', popularity: 80 },
      { name: 'Fixture track 2', popularity: 60 },
    ]);
    expect(d.actionItems.map((a) => [a.kind, a.message])).toEqual([
      // lost yesterday, still lost today: an item until it comes back
      [
        'MARKETS_LOST',
        `lost 1 market in the last 30 days, inactive on ${TODAY}: FI (last active ${daysAgo(7)})`,
      ],
      ['WORKS_TO_LINK', '1 work without a Spotify link: "Unreleased Demo"'],
      [
        'STALE_ENRICHMENT',
        `enrichment needed: ${neverEnriched.tracks} tracks (${neverEnriched.tracks} never enriched, 0 stale), ` +
          `${neverEnriched.artists} artist${neverEnriched.artists === 1 ? '' : 's'} (${neverEnriched.artists} never enriched, 0 stale)`,
      ],
    ]);
  });

  it('asks for a snapshot once none came for two days or more', async () => {
    const clock = app.app.get(InsightsClock);
    clock.useSource(() => NOW + 3 * 86_400_000);
    try {
      const res = await app.gql<{ dashboard: Dashboard }>(DASHBOARD, { id: RUE });
      expect(res.data!.dashboard.spotify.daysSinceSnapshot).toBe(3);
      expect(res.data!.dashboard.actionItems[0]).toMatchObject({
        kind: 'NO_RECENT_SNAPSHOT',
        message: 'no snapshot for 3 days',
      });
      // the trend window moved with the clock: today's snapshot is 3 days from its end
      const followers = res.data!.dashboard.trends.find((t) => t.metric === 'followers')!;
      expect(followers.values.slice(-4)).toEqual([699_567, null, null, null]);
    } finally {
      clock.useSource(() => NOW);
    }
  });

  // The CLI runs on the wall clock, which may have passed midnight since the fixtures: what it prints is checked
  // against the snapshots' days, which do not move, and a day later reads the same.
  it('prints the full dashboard with sparklines of the last 30 days', async () => {
    const result = await runTs('src/cli/main.ts', ['dashboard'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(
      new RegExp(`Soundgraph dashboard: Rue De Vivre \\(${RUE}\\), \\d{4}-\\d{2}-\\d{2}\n`),
    );
    expect(out).toContain('Catalog (works credited to "Rue De Vivre")\n  works         4\n');
    expect(out).toContain('  linked        3 (75.0%)\n');
    expect(out).toContain('  to link       1\n');
    expect(out).toContain('  followers     699,567 (Spotify)\n');
    expect(out).toContain('  popularity    72\n');
    expect(out).toContain('  markets       12/13 active: US GB CA AU DE FR ES IT NL SE NO DK\n');
    expect(out).toContain(`Visibility score: ${SCORE.toFixed(2)}/100 (v1, complete)\n`);
    expect(out).toContain(
      `  followers     +${WEEKLY.toLocaleString('en-US')} week, +${MONTHLY.toLocaleString('en-US')} month\n`,
    );
    expect(out).toContain('  popularity    +1 week, +2 month\n');
    expect(out).toContain('  markets       new: —, lost: —\n');
    expect(out).toMatch(/\n {2}followers {3}[·▁▂▃▄▅▆▇█]{30} {2}699,567\n/);
    expect(out).toMatch(/\n {2}markets {5}[·▁▂▃▄▅▆▇█]{30} {2}12\n/);
    expect(out).toContain('   1. Fixture track 1 (popularity 80, 13 markets)\n');
    expect(out).toContain('Action items (3)\n');
    expect(out).toContain(
      `lost 1 market in the last 30 days, inactive on ${TODAY}: FI (last active ${daysAgo(7)})`,
    );
    expect(out).toContain('→ soundgraph catalog link');
  }, 60_000);

  it('prints the headline numbers only with --quick', async () => {
    const result = await runTs('src/cli/main.ts', ['dashboard', '--quick', '--artist', RUE], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Rue De Vivre \\(${RUE}\\), \\d{4}-\\d{2}-\\d{2}$`));
    expect(lines.slice(1)).toEqual([
      `  followers     699,567 (+${WEEKLY.toLocaleString('en-US')} this week)`,
      '  popularity    72',
      '  markets       12/13',
      `  visibility    ${SCORE.toFixed(2)}/100 (v1, complete)`,
      '  catalog       3/4 linked (75.0%)',
      '  action items  3',
    ]);

    const bad = await runTs('src/cli/main.ts', ['dashboard', '--artist', 'nope'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not a Spotify id');
  }, 60_000);
});
