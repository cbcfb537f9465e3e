import { Difficulty, DIFFICULTY_RANGES, difficultyOf } from './difficulty';

describe('difficultyOf', () => {
  it.each([
    [100, Difficulty.EASY],
    [80, Difficulty.EASY],
    [79, Difficulty.MEDIUM],
    [50, Difficulty.MEDIUM],
    [49, Difficulty.HARD],
    [0, Difficulty.HARD],
  ])('popularity %i is %s', (popularity, difficulty) => {
    expect(difficultyOf(popularity)).toBe(difficulty);
  });

  it('is unknown without a popularity', () => {
    expect(difficultyOf(null)).toBeNull();
    expect(difficultyOf(undefined)).toBeNull();
  });

  it('has ranges that cover 0..100 without overlap', () => {
    const covered = Object.values(DIFFICULTY_RANGES).flatMap(([lo, hi]) =>
      Array.from({ length: hi - lo + 1 }, (_, i) => lo + i),
    );
    expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    for (const [d, [lo, hi]] of Object.entries(DIFFICULTY_RANGES)) {
      expect(difficultyOf(lo)).toBe(d);
      expect(difficultyOf(hi)).toBe(d);
    }
  });
});
