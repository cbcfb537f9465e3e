// The formulas of listening analytics (README "Listening history"), as pure functions over counts.

/**
 * Genre diversity: Shannon entropy of the play counts per genre, divided by its maximum ln(k), so 0 = one genre
 * only and 1 = plays spread evenly over k genres. Null without any counted play; 0 for a single genre.
 */
export function normalizedShannonEntropy(counts: readonly number[]): number | null {
  const positive = counts.filter((c) => c > 0);
  const total = positive.reduce((sum, c) => sum + c, 0);
  if (total === 0) return null;
  if (positive.length === 1) return 0;
  const entropy = positive.reduce((h, c) => {
    const p = c / total;
    return h - p * Math.log(p);
  }, 0);
  return round(entropy / Math.log(positive.length), 4);
}

/** (current − previous) / previous; null when there is no previous month to compare with (0 plays). */
export function growthRate(current: number, previous: number | null | undefined): number | null {
  if (previous === null || previous === undefined || previous === 0) return null;
  return round((current - previous) / previous, 4);
}

export type MainstreamTendency = 'MAINSTREAM' | 'BALANCED' | 'NICHE';

/** Mean artist popularity (0..100) → MAINSTREAM ≥ 70, BALANCED 40–69, NICHE < 40; null when unknown. */
export function mainstreamTendency(score: number | null): MainstreamTendency | null {
  if (score === null || Number.isNaN(score)) return null;
  if (score >= 70) return 'MAINSTREAM';
  if (score >= 40) return 'BALANCED';
  return 'NICHE';
}

/** Weighted mean of `values` (nulls left out); null when no weight is left. */
export function weightedMean(pairs: readonly { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const p of pairs) {
    if (p.value === null || p.weight <= 0) continue;
    sum += p.value * p.weight;
    weight += p.weight;
  }
  return weight === 0 ? null : sum / weight;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
