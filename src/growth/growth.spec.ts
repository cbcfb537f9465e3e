import { GrowthPoint, growthAt, growthSeries } from './growth';

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
});
