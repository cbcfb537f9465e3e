import { levenshtein, similarityRatio } from './string-similarity';

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('counts a character outside the BMP once', () => {
    expect(levenshtein('a😀b', 'ab')).toBe(1);
  });
});

describe('similarityRatio', () => {
  it('is 1 for equal strings and 0 for nothing in common', () => {
    expect(similarityRatio('', '')).toBe(1);
    expect(similarityRatio('golden hour', 'golden hour')).toBe(1);
    expect(similarityRatio('abc', 'xyz')).toBe(0);
  });

  it('does not call a longer title a perfect match', () => {
    expect(similarityRatio('golden city', 'golden city pt 2')).toBeCloseTo(11 / 16, 5);
    expect(similarityRatio('golden heart', 'golden hearts')).toBeCloseTo(12 / 13, 5);
  });
});
