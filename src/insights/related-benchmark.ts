import type { RelatedArtistInsight, RelatedBenchmark } from './insights.types';

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 1 + how many of the others are strictly above; null when the artist's own value is unknown. */
function rank(own: number | null, others: number[]): number | null {
  return own === null ? null : 1 + others.filter((v) => v > own).length;
}

/**
 * The artist among its related artists: their median followers and popularity, and the artist's rank among them
 * (itself included; 1 = highest). Related artists whose value is unknown are left out of that figure.
 */
export function relatedBenchmark(
  own: { followers: number | null; popularity: number | null },
  related: readonly RelatedArtistInsight[],
): RelatedBenchmark {
  const followers = related.flatMap((r) => (r.followers === null ? [] : [r.followers]));
  const popularity = related.flatMap((r) => (r.popularity === null ? [] : [r.popularity]));
  return {
    artists: related.length,
    medianFollowers: median(followers),
    medianPopularity: median(popularity),
    followersRank: followers.length ? rank(own.followers, followers) : null,
    popularityRank: popularity.length ? rank(own.popularity, popularity) : null,
  };
}
