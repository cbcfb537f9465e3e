import type { MarketInsight, SnapshotTrack } from './insights.types';

/** The fields of a top track these summaries read (Spotify's names). */
export interface TopTrackLike {
  id: string;
  name: string;
  popularity?: number;
  /** Present when the request named a market; false: listed but not playable there. */
  is_playable?: boolean;
}

/** How many top tracks the snapshot keeps (the visibility score's track component reads them). */
export const TOP_TRACKS_KEPT = 10;

const round1 = (n: number) => Math.round(n * 10) / 10;

export interface MarketSummary {
  markets: MarketInsight[];
  /** Markets (in tracked order) with at least one playable top track. */
  activeMarkets: string[];
  /** The union of the markets' playable top tracks, best first, at most TOP_TRACKS_KEPT. */
  topTracks: SnapshotTrack[];
  /** False when Spotify sent no popularity for any top track (a development-mode app). */
  popularityKnown: boolean;
}

/**
 * Per market: how many top tracks, how many playable, their mean popularity. The artist's top tracks are the union
 * over the markets, ordered by popularity (unknown last), then by how many markets list them, then by their best
 * position in a market's list, then by id, so the same answers always give the same ten.
 */
export function summarizeMarkets(
  trackedMarkets: readonly string[],
  topTracksByMarket: ReadonlyMap<string, readonly TopTrackLike[]>,
): MarketSummary {
  const markets: MarketInsight[] = [];
  const union = new Map<string, SnapshotTrack & { bestPosition: number }>();
  let popularityKnown = false;
  for (const market of trackedMarkets) {
    const tracks = topTracksByMarket.get(market) ?? [];
    const playable = tracks.filter((t) => t.is_playable !== false);
    const popularities = playable.flatMap((t) => (t.popularity === undefined ? [] : [t.popularity]));
    if (popularities.length) popularityKnown = true;
    markets.push({
      market,
      topTracks: tracks.length,
      available: playable.length,
      meanPopularity: popularities.length
        ? round1(popularities.reduce((a, b) => a + b, 0) / popularities.length)
        : null,
    });
    playable.forEach((t, position) => {
      const seen = union.get(t.id);
      if (seen) {
        seen.markets++;
        seen.bestPosition = Math.min(seen.bestPosition, position);
        if (seen.popularity === null && t.popularity !== undefined) seen.popularity = t.popularity;
      } else {
        union.set(t.id, {
          spotifyId: t.id,
          name: t.name,
          popularity: t.popularity ?? null,
          markets: 1,
          bestPosition: position,
        });
      }
    });
  }
  const topTracks = [...union.values()]
    .sort(
      (a, b) =>
        (b.popularity ?? -1) - (a.popularity ?? -1) ||
        b.markets - a.markets ||
        a.bestPosition - b.bestPosition ||
        a.spotifyId.localeCompare(b.spotifyId),
    )
    .slice(0, TOP_TRACKS_KEPT)
    .map(({ spotifyId, name, popularity, markets: count }) => ({
      spotifyId,
      name,
      popularity,
      markets: count,
    }));
  return {
    markets,
    activeMarkets: markets.filter((m) => m.available > 0).map((m) => m.market),
    topTracks,
    popularityKnown,
  };
}
