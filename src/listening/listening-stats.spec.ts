import { growthRate, mainstreamTendency, normalizedShannonEntropy, weightedMean } from './listening-stats';

describe('normalizedShannonEntropy', () => {
  it('is 0 for one genre and 1 for plays spread evenly', () => {
    expect(normalizedShannonEntropy([12])).toBe(0);
    expect(normalizedShannonEntropy([5, 5])).toBe(1);
    expect(normalizedShannonEntropy([3, 3, 3, 3])).toBe(1);
  });

  it('lies between for an uneven spread, and ignores empty genres', () => {
    // H = −(0.9 ln 0.9 + 0.1 ln 0.1) = 0.3251; / ln 2 = 0.469
    expect(normalizedShannonEntropy([9, 1])).toBeCloseTo(0.469, 3);
    expect(normalizedShannonEntropy([9, 1, 0])).toBe(normalizedShannonEntropy([9, 1]));
  });

  it('is null without plays', () => {
    expect(normalizedShannonEntropy([])).toBeNull();
    expect(normalizedShannonEntropy([0, 0])).toBeNull();
  });
});

describe('growthRate', () => {
  it('compares with the previous month', () => {
    expect(growthRate(150, 100)).toBe(0.5);
    expect(growthRate(50, 100)).toBe(-0.5);
    expect(growthRate(100, 100)).toBe(0);
    expect(growthRate(1, 3)).toBe(-0.6667);
  });

  it('is null when there is nothing to compare with', () => {
    expect(growthRate(10, 0)).toBeNull();
    expect(growthRate(10, null)).toBeNull();
  });
});

describe('mainstream', () => {
  it('names the tendency of a mean popularity', () => {
    expect(mainstreamTendency(70)).toBe('MAINSTREAM');
    expect(mainstreamTendency(69.9)).toBe('BALANCED');
    expect(mainstreamTendency(40)).toBe('BALANCED');
    expect(mainstreamTendency(39)).toBe('NICHE');
    expect(mainstreamTendency(null)).toBeNull();
  });

  it('weights values and leaves unknown ones out', () => {
    expect(
      weightedMean([
        { value: 80, weight: 3 },
        { value: 40, weight: 1 },
        { value: null, weight: 10 },
      ]),
    ).toBe(70);
    expect(weightedMean([{ value: null, weight: 1 }])).toBeNull();
  });
});
