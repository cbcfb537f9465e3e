import { GrowthPoint, growthAt, growthSeries, marketsLost } from './growth';

const TRACKED = ['US', 'GB', 'FR'];
const p = (
  day: string,
  followers: number | null,
  popularity: number | null,
  activeMarkets: string[] | null,
  trackedMarkets = TRACKED,
): GrowthPoint => ({ day, followers, popularity, activeMarkets, trackedMarkets });

// Snapshots with gaps: nothing between Jan 1 and Jan 10, a development-mode day on Jan 20 (nothing known).
const history = [
  p('2026-01-01', 1000, 40, ['US', 'GB']),
  p('2026-01-10', 1100, 42, ['US', 'GB', 'FR']),
  p('2026-01-20', null, null, null),
  p('2026-01-25', 1300, 45, ['US', 'FR']),
  p('2026-02-01', 1400, 47, ['US', 'FR', 'GB']),
  p('2026-02-02', 1410, 47, ['US']),
];

describe('growth (hand-computed, with gaps in the history)', () => {
  it('has nothing to compare on the first day', () => {
    expect(growthAt(history, 0)).toEqual({
      currentFollowers: 1000,
      weeklyFollowerGrowth: null,
      monthlyFollowerGrowth: null,
      currentPopularity: 40,
      weeklyPopularityChange: null,
      monthlyPopularityChange: null,
      currentMarkets: ['US', 'GB'],
      newMarkets: [],
      lostMarkets: [],
    });
  });

  it('compares with the nearest snapshot at or before 7 and 30 days ago', () => {
    // Feb 1: a week ago is Jan 25 (exact) → 1300, 45; 30 days ago is Jan 2 → nearest before: Jan 1 → 1000, 40.
    expect(growthAt(history, 4)).toEqual({
      currentFollowers: 1400,
      weeklyFollowerGrowth: 100,
      monthlyFollowerGrowth: 400,
      currentPopularity: 47,
      weeklyPopularityChange: 2,
      monthlyPopularityChange: 7,
      currentMarkets: ['US', 'FR', 'GB'],
      newMarkets: ['GB'],
      lostMarkets: [],
    });
    // Feb 2: a week ago is Jan 26 → nearest before: Jan 25; 30 days ago Jan 3 → Jan 1. Lost FR and GB since Feb 1.
    expect(growthAt(history, 5)).toMatchObject({
      weeklyFollowerGrowth: 110,
      monthlyFollowerGrowth: 410,
      weeklyPopularityChange: 2,
      monthlyPopularityChange: 7,
      newMarkets: [],
      lostMarkets: ['FR', 'GB'],
    });
  });

  it('skips a snapshot that lacks the value instead of reading it as 0, and reports null without a reference', () => {
    // Jan 25: a week ago is Jan 18 → nearest at or before: Jan 10 (Jan 20 is after Jan 18); a month ago: none.
    expect(growthAt(history, 3)).toEqual({
      currentFollowers: 1300,
      weeklyFollowerGrowth: 200,
      monthlyFollowerGrowth: null,
      currentPopularity: 45,
      weeklyPopularityChange: 3,
      monthlyPopularityChange: null,
      currentMarkets: ['US', 'FR'],
      // markets against the latest snapshot that knew them (Jan 10), not the blind Jan 20
      newMarkets: [],
      lostMarkets: ['GB'],
    });
    const blind = [
      p('2026-03-01', 500, 30, ['US']),
      p('2026-03-08', null, null, null),
      p('2026-03-15', 800, 33, ['US']),
    ];
    // Mar 15: a week ago is Mar 8, which knows nothing → the next older one, Mar 1
    expect(growthAt(blind, 2)).toMatchObject({ weeklyFollowerGrowth: 300, weeklyPopularityChange: 3 });
  });

  it('knows nothing on a day whose snapshot knows nothing', () => {
    expect(growthAt(history, 2)).toEqual({
      currentFollowers: null,
      weeklyFollowerGrowth: null,
      monthlyFollowerGrowth: null,
      currentPopularity: null,
      weeklyPopularityChange: null,
      monthlyPopularityChange: null,
      currentMarkets: null,
      newMarkets: [],
      lostMarkets: [],
    });
  });

  it('compares markets only over the markets both snapshots tracked', () => {
    const changed = [
      p('2026-04-01', 1, 1, ['US', 'GB', 'FR']),
      p('2026-04-02', 1, 1, ['US', 'SE'], ['US', 'GB', 'SE']),
    ];
    expect(growthAt(changed, 1)).toMatchObject({ newMarkets: [], lostMarkets: ['GB'] });
  });

  it('compares follower counts of one source only, dated by the day each count is of', () => {
    const f = (day: string, followers: number, source: string, asOf = day): GrowthPoint => ({
      ...p(day, followers, 50, ['US']),
      followersSource: source,
      followersAsOf: asOf,
    });
    const switched = [
      f('2026-02-01', 1_000, 'SPOTIFY'),
      f('2026-03-01', 1_030, 'SPOTIFY'),
      // the app lost followers (development mode): Soundcharts' counts from now on, a few days behind
      f('2026-03-02', 4_900, 'SOUNDCHARTS', '2026-02-28'),
      f('2026-03-03', 4_950, 'SOUNDCHARTS', '2026-03-03'),
      f('2026-03-10', 5_000, 'SOUNDCHARTS', '2026-03-05'),
      f('2026-03-17', 5_300, 'SOUNDCHARTS', '2026-03-12'),
    ];
    const growth = growthSeries(switched);
    // Mar 3: a month before is Feb 1, but that count is Spotify's: no monthly growth (not +3,950)
    expect(growth[3]).toMatchObject({ weeklyFollowerGrowth: null, monthlyFollowerGrowth: null });
    // Mar 10: its count is of Mar 5; a week before that (Feb 26) there is no Soundcharts count (not +50 against
    // Mar 3's snapshot, which is two days of growth)
    expect(growth[4]).toMatchObject({ weeklyFollowerGrowth: null });
    // Mar 17: its count is of Mar 12; the latest count at or before Mar 5 is Mar 10's (of Mar 5)
    expect(growth[5]).toMatchObject({ weeklyFollowerGrowth: 300, monthlyFollowerGrowth: null });
    // popularity is Spotify's alone, compared by snapshot day as before
    expect(growth[4].weeklyPopularityChange).toBe(0);
  });

  it('computes every day of a series and refuses an unordered one', () => {
    expect(growthSeries(history).map((g) => g.weeklyFollowerGrowth)).toEqual([
      null,
      100,
      null,
      200,
      100,
      110,
    ]);
    expect(() => growthSeries([history[1], history[0]])).toThrow('ascend');
  });

  it('reports a market lost days ago as lost until it comes back, not only on the day it went', () => {
    const recent = [
      p('2026-03-01', 1, 1, ['US', 'GB', 'FR']),
      p('2026-03-05', 1, 1, ['US', 'FR']), // GB lost on Mar 5
      p('2026-03-06', 1, 1, null), // a blind day
      p('2026-03-10', 1, 1, ['US']), // FR lost on Mar 10
      p('2026-03-15', 1, 1, ['US']),
    ];
    // the day's own figures know only what changed since the day before
    expect(growthAt(recent, 4).lostMarkets).toEqual([]);
    expect(marketsLost(recent)).toEqual({
      asOf: '2026-03-15',
      markets: [
        { market: 'GB', lastActive: '2026-03-01' },
        { market: 'FR', lastActive: '2026-03-05' },
      ], // in tracked order
    });
    // back in GB: no longer lost; a market the latest day no longer tracks is neither
    expect(marketsLost([...recent, p('2026-03-16', 1, 1, ['US', 'GB'], ['US', 'GB'])])).toEqual({
      asOf: '2026-03-16',
      markets: [],
    });
    // the latest snapshot could not see markets: nothing can be said
    expect(marketsLost([...recent, p('2026-03-16', 1, 1, null)])).toBeNull();
    expect(marketsLost([])).toBeNull();
  });
});
