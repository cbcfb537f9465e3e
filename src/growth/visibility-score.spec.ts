import {
  followerPoints,
  marketPoints,
  popularityPoints,
  trackPoints,
  visibilityScore,
  VISIBILITY_FORMULA_VERSION,
} from './visibility-score';

describe('visibility score v1', () => {
  describe('followers: 25 × min(1, log10(1 + followers) / 7)', () => {
    it.each([
      [0, 0],
      [9, 25 / 7], // log10(10) = 1
      [999, (25 * 3) / 7],
      [9_999_999, 25], // log10(10^7) = 7: full points
      [500_000_000, 25], // capped
    ])('%d followers → %d points', (followers, points) => {
      expect(followerPoints(followers)).toBeCloseTo(points, 10);
    });

    it('never goes below 0 (a negative count is treated as none)', () => {
      expect(followerPoints(-5)).toBe(0);
    });
  });

  it('popularity: 25 × popularity / 100, bounded to 0..25', () => {
    expect(popularityPoints(0)).toBe(0);
    expect(popularityPoints(72)).toBe(18);
    expect(popularityPoints(100)).toBe(25);
    expect(popularityPoints(140)).toBe(25);
    expect(popularityPoints(-3)).toBe(0);
  });

  it('markets: 25 × active / tracked, bounded to 0..25', () => {
    expect(marketPoints(13, 13)).toBe(25);
    expect(marketPoints(0, 13)).toBe(0);
    expect(marketPoints(8, 13)).toBeCloseTo(15.384615, 5);
    expect(marketPoints(20, 13)).toBe(25);
    expect(() => marketPoints(1, 0)).toThrow(RangeError);
  });

  it('tracks: 25 × mean popularity of the ten most popular top tracks / 100', () => {
    expect(trackPoints([80, 60])).toBe(17.5);
    // twelve tracks: the two weakest (0 and 10) are not among the ten scored
    expect(trackPoints([0, 10, 50, 50, 50, 50, 50, 50, 50, 50, 50, 100])).toBe(13.75);
    expect(trackPoints([])).toBe(0);
    expect(trackPoints([100, 100])).toBe(25);
  });

  it('sums the four components into 0..100 when every input is known', () => {
    const result = visibilityScore({
      followers: 9_999_999,
      popularity: 72,
      markets: { active: 13, tracked: 13 },
      topTrackPopularities: [80, 60],
    });
    expect(result).toEqual({
      score: 85.5,
      components: { followers: 25, popularity: 18, markets: 25, tracks: 17.5 },
      complete: true,
      formulaVersion: VISIBILITY_FORMULA_VERSION,
    });
    expect(VISIBILITY_FORMULA_VERSION).toBe('v1');
  });

  it('stays within 0..100 at both ends', () => {
    const none = visibilityScore({
      followers: 0,
      popularity: 0,
      markets: { active: 0, tracked: 13 },
      topTrackPopularities: [],
    });
    expect(none.score).toBe(0);
    expect(none.complete).toBe(true);
    const all = visibilityScore({
      followers: 1e9,
      popularity: 100,
      markets: { active: 13, tracked: 13 },
      topTrackPopularities: [100],
    });
    expect(all.score).toBe(100);
  });

  it('leaves out a component whose input is unavailable and rescales the rest to 100', () => {
    // popularity 72 → 18 and markets 13/13 → 25 of a possible 50: 43 / 50 × 100 = 86
    const result = visibilityScore({
      followers: null,
      popularity: 72,
      markets: { active: 13, tracked: 13 },
      topTrackPopularities: null,
    });
    expect(result).toEqual({
      score: 86,
      components: { followers: null, popularity: 18, markets: 25, tracks: null },
      complete: false,
      formulaVersion: 'v1',
    });
    // one component alone: its points × 4
    expect(
      visibilityScore({ followers: 999, popularity: null, markets: null, topTrackPopularities: null }).score,
    ).toBeCloseTo(((25 * 3) / 7) * 4, 2);
  });

  it('rounds to two decimals, computing the score from unrounded components', () => {
    const result = visibilityScore({
      followers: 699_567,
      popularity: 72,
      markets: { active: 8, tracked: 13 },
      topTrackPopularities: [97, 82, 81, 77, 77, 77, 76, 76, 76, 75],
    });
    const followers = (25 * Math.log10(699_568)) / 7;
    const markets = (25 * 8) / 13;
    const tracks = (25 * 79.4) / 100;
    expect(result.components).toEqual({
      followers: Math.round(followers * 100) / 100,
      popularity: 18,
      markets: Math.round(markets * 100) / 100,
      tracks: Math.round(tracks * 100) / 100,
    });
    expect(result.score).toBe(Math.round((followers + 18 + markets + tracks) * 100) / 100);
  });

  it('has no score at all when no input is available (it is not 0)', () => {
    expect(
      visibilityScore({ followers: null, popularity: null, markets: null, topTrackPopularities: null }),
    ).toEqual({
      score: null,
      components: { followers: null, popularity: null, markets: null, tracks: null },
      complete: false,
      formulaVersion: 'v1',
    });
  });
});
