import { registerEnumType } from '@nestjs/graphql';

/** How hard a track is to place, from its Spotify popularity (seed 001): the thresholds are the product's. */
export enum Difficulty {
  EASY = 'EASY',
  MEDIUM = 'MEDIUM',
  HARD = 'HARD',
}

registerEnumType(Difficulty, {
  name: 'Difficulty',
  valuesMap: {
    EASY: { description: 'popularity 80..100' },
    MEDIUM: { description: 'popularity 50..79' },
    HARD: { description: 'popularity 0..49' },
  },
});

export const DIFFICULTY_RANGES: Record<Difficulty, [number, number]> = {
  [Difficulty.EASY]: [80, 100],
  [Difficulty.MEDIUM]: [50, 79],
  [Difficulty.HARD]: [0, 49],
};

export function difficultyOf(popularity: number | null | undefined): Difficulty | null {
  if (popularity === null || popularity === undefined) return null;
  if (popularity >= 80) return Difficulty.EASY;
  if (popularity >= 50) return Difficulty.MEDIUM;
  return Difficulty.HARD;
}
