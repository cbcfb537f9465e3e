import type { ArtistSnapshot } from 'src/insights';
import { GrowthFigures, GrowthPoint, growthSeries } from './growth';
import {
  VisibilityComponent,
  VisibilityInputs,
  visibilityScore,
  VISIBILITY_FORMULA_VERSION,
} from './visibility-score';

/** Why a visibility component was left out. */
export interface MissingComponent {
  component: VisibilityComponent;
  reason: string;
}

/** One artist's growth record for one day (`metricId` = `<spotifyId>_<YYYY-MM-DD>`, as in the original system). */
export interface GrowthMetric extends GrowthFigures {
  metricId: string;
  spotifyId: string;
  day: string;
  formulaVersion: string;
  followersSource: string | null;
  score: number | null;
  followerScore: number | null;
  popularityScore: number | null;
  marketScore: number | null;
  trackScore: number | null;
  complete: boolean;
  missing: MissingComponent[];
}

export const metricIdOf = (spotifyId: string, day: string) => `${spotifyId}_${day}`;

/** The parts of a snapshot each component reads, in the order their reasons are looked for. */
const PARTS: Record<VisibilityComponent, string[]> = {
  followers: ['followers'],
  popularity: ['popularity'],
  markets: ['markets', 'topTracks'],
  tracks: ['topTracks', 'trackPopularity'],
};

export function visibilityInputs(s: ArtistSnapshot): VisibilityInputs {
  let topTrackPopularities: number[] | null = null;
  if (s.topTracks) {
    const known = s.topTracks.flatMap((t) => (t.popularity === null ? [] : [t.popularity]));
    // No top tracks at all is a known 0; top tracks without any popularity is an unknown.
    topTrackPopularities = s.topTracks.length > 0 && known.length === 0 ? null : known;
  }
  return {
    followers: s.followers,
    popularity: s.popularity,
    markets: s.activeMarkets ? { active: s.activeMarkets.length, tracked: s.trackedMarkets.length } : null,
    topTrackPopularities,
  };
}

/** Every day's metrics of one artist's snapshots (ascending by day). */
export function growthMetrics(snapshots: readonly ArtistSnapshot[]): GrowthMetric[] {
  const points: GrowthPoint[] = snapshots.map((s) => ({
    day: s.day,
    followers: s.followers,
    followersSource: s.followersSource,
    followersAsOf: s.followersAsOf,
    popularity: s.popularity,
    activeMarkets: s.activeMarkets,
    trackedMarkets: s.trackedMarkets,
  }));
  const figures = growthSeries(points);
  return snapshots.map((s, i) => {
    const visibility = visibilityScore(visibilityInputs(s));
    const missing = (Object.keys(PARTS) as VisibilityComponent[])
      .filter((c) => visibility.components[c] === null)
      .map((component) => {
        const skipped = PARTS[component]
          .map((part) => s.skipped.find((k) => k.part === part))
          .find((k) => k !== undefined);
        return { component, reason: skipped?.reason ?? 'not in the snapshot' };
      });
    return {
      ...figures[i],
      metricId: metricIdOf(s.spotifyId, s.day),
      spotifyId: s.spotifyId,
      day: s.day,
      formulaVersion: VISIBILITY_FORMULA_VERSION,
      followersSource: s.followersSource,
      score: visibility.score,
      followerScore: visibility.components.followers,
      popularityScore: visibility.components.popularity,
      marketScore: visibility.components.markets,
      trackScore: visibility.components.tracks,
      complete: visibility.complete,
      missing,
    };
  });
}
