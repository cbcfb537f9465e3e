// Visibility score, design §6. Changing anything here that changes a result means a new formula version.

export const VISIBILITY_FORMULA_VERSION = 'v1';

export const VISIBILITY_COMPONENTS = ['followers', 'popularity', 'markets', 'tracks'] as const;
export type VisibilityComponent = (typeof VISIBILITY_COMPONENTS)[number];

/** Each component is worth 0..25 points; four of them make 0..100. */
export const COMPONENT_POINTS = 25;
/** log10(1 + followers) reaching this (10 million followers) gives the full follower points. */
export const FOLLOWERS_FULL_LOG10 = 7;
/** The track component reads the mean popularity of this many top tracks (fewer when the artist has fewer). */
export const TOP_TRACKS_SCORED = 10;

/** What the score reads; null where the input is unavailable (not the same as 0). */
export interface VisibilityInputs {
  followers: number | null;
  /** Artist popularity, 0..100. */
  popularity: number | null;
  markets: { active: number; tracked: number } | null;
  /** Popularity of the artist's top tracks, 0..100 each. */
  topTrackPopularities: readonly number[] | null;
}

export interface VisibilityScore {
  /** 0..100; null when no component could be computed. */
  score: number | null;
  /** 0..25 each; null when its input is unavailable. */
  components: Record<VisibilityComponent, number | null>;
  /** False when a component was left out and the others rescaled to 100. */
  complete: boolean;
  formulaVersion: string;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** 25 × min(1, log10(1 + followers) / 7). */
export function followerPoints(followers: number): number {
  return COMPONENT_POINTS * Math.min(1, Math.log10(1 + Math.max(0, followers)) / FOLLOWERS_FULL_LOG10);
}

/** 25 × popularity / 100. */
export function popularityPoints(popularity: number): number {
  return (COMPONENT_POINTS * clamp(popularity, 0, 100)) / 100;
}

/** 25 × active markets / tracked markets. */
export function marketPoints(active: number, tracked: number): number {
  if (tracked <= 0) throw new RangeError('the number of tracked markets must be positive');
  return COMPONENT_POINTS * clamp(active / tracked, 0, 1);
}

/** 25 × mean popularity of the (up to) 10 most popular top tracks / 100; an artist without top tracks scores 0. */
export function trackPoints(popularities: readonly number[]): number {
  const top = [...popularities]
    .map((p) => clamp(p, 0, 100))
    .sort((a, b) => b - a)
    .slice(0, TOP_TRACKS_SCORED);
  if (top.length === 0) return 0;
  return (COMPONENT_POINTS * (top.reduce((a, b) => a + b, 0) / top.length)) / 100;
}

/**
 * The score: the sum of the available components, rescaled from 25 × (available components) to 100. Components
 * and score are rounded to two decimals; the score is computed from the unrounded components.
 */
export function visibilityScore(inputs: VisibilityInputs): VisibilityScore {
  const raw: Record<VisibilityComponent, number | null> = {
    followers: inputs.followers === null ? null : followerPoints(inputs.followers),
    popularity: inputs.popularity === null ? null : popularityPoints(inputs.popularity),
    markets: inputs.markets === null ? null : marketPoints(inputs.markets.active, inputs.markets.tracked),
    tracks: inputs.topTrackPopularities === null ? null : trackPoints(inputs.topTrackPopularities),
  };
  const available = VISIBILITY_COMPONENTS.map((c) => raw[c]).filter((v) => v !== null);
  const sum = available.reduce((a, b) => a + b, 0);
  const components = Object.fromEntries(
    VISIBILITY_COMPONENTS.map((c) => [c, raw[c] === null ? null : round2(raw[c])]),
  ) as Record<VisibilityComponent, number | null>;
  return {
    score: available.length === 0 ? null : round2((sum * 100) / (COMPONENT_POINTS * available.length)),
    components,
    complete: available.length === VISIBILITY_COMPONENTS.length,
    formulaVersion: VISIBILITY_FORMULA_VERSION,
  };
}
