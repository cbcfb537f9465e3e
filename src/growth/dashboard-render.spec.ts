import { renderDashboard, renderQuick } from './dashboard-render';
import type { DashboardView } from './dashboard.types';

const view: DashboardView = {
  spotifyId: '293x3NAIGPR4RCJrFkzs0P',
  name: 'Rue De Vivre',
  tracked: true,
  today: '2026-03-10',
  catalog: {
    artistName: 'Rue De Vivre',
    totalWorks: 17,
    linkedWorks: 16,
    coveragePercent: 94.1,
    unlinkedWorks: 1,
  },
  enrichment: {
    tracksTotal: 20,
    tracksEnriched: 18,
    tracksStale: 1,
    artistsTotal: 3,
    artistsEnriched: 3,
    artistsStale: 0,
  },
  spotify: {
    mode: 'EXTENDED',
    snapshotDate: '2026-03-10',
    daysSinceSnapshot: 0,
    followers: 1_234_567,
    followersSource: 'SOUNDCHARTS',
    popularity: 61,
    monthlyListeners: 2_000_000,
    genres: ['chanson'],
    activeMarkets: ['US', 'FR'],
    trackedMarkets: ['US', 'FR', 'DE'],
    unavailableCapabilities: [{ name: 'audioFeatures', reason: '403' }],
  },
  visibility: {
    date: '2026-03-10',
    score: 67.5,
    followerScore: 21.7,
    popularityScore: 15.25,
    marketScore: 16.67,
    trackScore: null,
    formulaVersion: 'v1',
    complete: false,
  },
  growth: {
    date: '2026-03-10',
    weeklyFollowerGrowth: 1_500,
    monthlyFollowerGrowth: -20,
    weeklyPopularityChange: 0,
    monthlyPopularityChange: null,
    newMarkets: ['FR'],
    lostMarkets: ['DE'],
  },
  trendsFrom: '2026-03-06',
  trends: [
    { metric: 'followers', values: [1, null, 3, 5, 8], latest: 8 },
    { metric: 'visibility', values: [null, null, 60, 62.5, 67.5], latest: 67.5 },
  ],
  topTracks: [{ spotifyId: 'x'.repeat(22), name: 'Café de Flore', popularity: 77, markets: 2 }],
  charts: null,
  actionItems: [
    { kind: 'WORKS_TO_LINK', message: '1 work without a Spotify link: "X"', hint: 'soundgraph catalog link' },
  ],
};

describe('dashboard rendering', () => {
  it('prints the headline numbers only with --quick', () => {
    expect(renderQuick(view)).toBe(
      [
        'Rue De Vivre (293x3NAIGPR4RCJrFkzs0P), 2026-03-10',
        '  followers     1,234,567 (+1,500 this week)',
        '  popularity    61',
        '  markets       2/3',
        '  visibility    67.50/100 (v1, incomplete: rescaled)',
        '  catalog       16/17 linked (94.1%)',
        '  action items  1',
        '',
      ].join('\n'),
    );
  });

  it('prints every section, sparklines with gaps, and dashes for unknown values', () => {
    const out = renderDashboard(view);
    expect(out).toContain('Catalog (works credited to "Rue De Vivre")\n  works         17\n');
    expect(out).toContain('  linked        16 (94.1%)\n');
    expect(out).toContain(
      '  enrichment    all tracks 18/20 enriched, 1 stale; all artists 3/3 enriched, 0 stale\n',
    );
    expect(out).toContain('  followers     1,234,567 (Soundcharts)\n');
    expect(out).toContain('  listeners     2,000,000 monthly (Soundcharts)\n');
    expect(out).toContain('  capabilities  lacking audioFeatures\n');
    expect(out).toContain('followers 21.70 · popularity 15.25 · markets 16.67 · tracks — (of 25 each)');
    expect(out).toContain('  followers     +1,500 week, -20 month\n');
    expect(out).toContain('  popularity    0 week, — month\n');
    expect(out).toContain('  markets       new: FR, lost: DE\n');
    expect(out).toContain('Trends, last 5 days (2026-03-06 to 2026-03-10)\n');
    expect(out).toContain('  followers   ▁·▃▅█  8\n');
    expect(out).toContain('  visibility  ··▁▃█  67.50\n');
    expect(out).toContain('   1. Café de Flore (popularity 77, 2 markets)\n');
    expect(out).toContain('  1. 1 work without a Spotify link: "X"\n     → soundgraph catalog link\n');
    expect(out).not.toContain('Charts');
  });

  it("says the catalog section is the whole catalog when the artist's name is unknown", () => {
    const out = renderDashboard({ ...view, name: null, catalog: { ...view.catalog, artistName: null } });
    expect(out).toContain("Catalog (the whole catalog: the artist's name is unknown)\n");
  });

  it('lists chart sync health when it is available', () => {
    const out = renderDashboard({
      ...view,
      charts: [
        {
          slug: 'top-50-fr',
          name: 'Top 50 France',
          status: 'FAILING',
          lastSyncAt: new Date('2026-03-09T06:00:00Z'),
          successRate: 0.5,
          lastError: 'quota exceeded',
        },
      ],
    });
    expect(out).toMatch(/Charts\n {2}top-50-fr +FAILING +last sync 2026-03-09T06:00:00.000Z\n/);
  });
});
