// Growth, design §6: weekly and monthly deltas against the nearest snapshot at or before 7 and 30 days ago; new and
// lost markets against the previous snapshot. Follower deltas compare counts of one source only, by the day each
// count is of. Pure: the history in, the figures out.

export const WEEK_DAYS = 7;
export const MONTH_DAYS = 30;

/** What growth reads of one snapshot. */
export interface GrowthPoint {
  /** YYYY-MM-DD. */
  day: string;
  followers: number | null;
  /** Where the follower count came from (SPOTIFY, SOUNDCHARTS); deltas never mix two sources. */
  followersSource?: string | null;
  /** The day the follower count is of (a Soundcharts point may be days older than the snapshot); default `day`. */
  followersAsOf?: string | null;
  popularity: number | null;
  /** Null when the snapshot could not tell (top tracks unavailable). */
  activeMarkets: readonly string[] | null;
  trackedMarkets: readonly string[];
}

export interface GrowthFigures {
  currentFollowers: number | null;
  weeklyFollowerGrowth: number | null;
  monthlyFollowerGrowth: number | null;
  currentPopularity: number | null;
  weeklyPopularityChange: number | null;
  monthlyPopularityChange: number | null;
  /** Null when today's snapshot could not tell. */
  currentMarkets: string[] | null;
  newMarkets: string[];
  lostMarkets: string[];
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/**
 * The latest earlier snapshot at or before `daysBack` days before history[index] whose value is known. A
 * snapshot that lacks the value (the app could not see it that day) is skipped, not read as 0.
 */
function reference(
  history: readonly GrowthPoint[],
  index: number,
  daysBack: number,
  value: (p: GrowthPoint) => number | null,
): number | null {
  const target = dayNumber(history[index].day) - daysBack;
  for (let j = index - 1; j >= 0; j--) {
    if (dayNumber(history[j].day) > target) continue;
    const v = value(history[j]);
    if (v !== null) return v;
  }
  return null;
}

/**
 * The follower count to compare history[index]'s with, `daysBack` days before: among the earlier snapshots with a
 * count from the same source, the one whose count is of the latest day at or before `daysBack` days before the
 * day history[index]'s count is of. Spotify and Soundcharts count differently, and a Soundcharts point can be up to
 * a week older than its snapshot: comparing across sources, or by snapshot day, would invent growth.
 */
function followersReference(history: readonly GrowthPoint[], index: number, daysBack: number): number | null {
  const point = history[index];
  const source = point.followersSource ?? null;
  const asOf = (p: GrowthPoint) => p.followersAsOf ?? p.day;
  const target = dayNumber(asOf(point)) - daysBack;
  let best: { day: number; value: number } | null = null;
  for (let j = index - 1; j >= 0; j--) {
    const p = history[j];
    if (p.followers === null || (p.followersSource ?? null) !== source) continue;
    const day = dayNumber(asOf(p));
    if (day <= target && (best === null || day > best.day)) best = { day, value: p.followers };
  }
  return best?.value ?? null;
}

const delta = (current: number | null, past: number | null) =>
  current === null || past === null ? null : current - past;

/**
 * Figures for history[index] (history: one artist, ascending by day, one point per day). A delta is null when
 * today's value or the reference is unknown. Markets are compared with the latest earlier snapshot that knew its
 * markets, over the markets both snapshots tracked (a market added to or removed from INSIGHT_MARKETS is neither
 * new nor lost).
 */
export function growthAt(history: readonly GrowthPoint[], index: number): GrowthFigures {
  const point = history[index];
  const popularity = (p: GrowthPoint) => p.popularity;
  let newMarkets: string[] = [];
  let lostMarkets: string[] = [];
  if (point.activeMarkets !== null) {
    const previous = history
      .slice(0, index)
      .reverse()
      .find((p) => p.activeMarkets !== null);
    if (previous) {
      const both = new Set(point.trackedMarkets.filter((m) => previous.trackedMarkets.includes(m)));
      const now = new Set(point.activeMarkets);
      const before = new Set(previous.activeMarkets);
      newMarkets = point.activeMarkets.filter((m) => both.has(m) && !before.has(m));
      lostMarkets = previous.activeMarkets!.filter((m) => both.has(m) && !now.has(m));
    }
  }
  return {
    currentFollowers: point.followers,
    weeklyFollowerGrowth: delta(point.followers, followersReference(history, index, WEEK_DAYS)),
    monthlyFollowerGrowth: delta(point.followers, followersReference(history, index, MONTH_DAYS)),
    currentPopularity: point.popularity,
    weeklyPopularityChange: delta(point.popularity, reference(history, index, WEEK_DAYS, popularity)),
    monthlyPopularityChange: delta(point.popularity, reference(history, index, MONTH_DAYS, popularity)),
    currentMarkets: point.activeMarkets === null ? null : [...point.activeMarkets],
    newMarkets,
    lostMarkets,
  };
}

/** Figures for every day of one artist's history (ascending by day). */
export function growthSeries(history: readonly GrowthPoint[]): GrowthFigures[] {
  for (let i = 1; i < history.length; i++) {
    if (history[i].day <= history[i - 1].day)
      throw new Error('history must ascend by day, one point per day');
  }
  return history.map((_, i) => growthAt(history, i));
}

export interface LostMarket {
  market: string;
  /** The latest day of the history on which it was active. */
  lastActive: string;
}

/**
 * Markets active on some day of `history` (one artist's recent snapshots, ascending by day) and inactive on its
 * latest day, over the markets that day tracks, in tracked order; null when the latest snapshot could not see
 * markets. Unlike a day's `lostMarkets`, a market lost a week ago is still lost today.
 */
export function marketsLost(history: readonly GrowthPoint[]): { asOf: string; markets: LostMarket[] } | null {
  const latest = history[history.length - 1];
  if (!latest || latest.activeMarkets === null) return null;
  const now = new Set(latest.activeMarkets);
  const lastActive = new Map<string, string>();
  for (const p of history.slice(0, -1)) for (const m of p.activeMarkets ?? []) lastActive.set(m, p.day);
  const markets = latest.trackedMarkets.flatMap((market) => {
    const day = lastActive.get(market);
    return day !== undefined && !now.has(market) ? [{ market, lastActive: day }] : [];
  });
  return { asOf: latest.day, markets };
}
