import type { ArtistSnapshot, SnapshotTrack } from '../../src/insights';

export const TRACKED_MARKETS = 'US GB CA AU DE FR ES IT NL SE NO DK FI'.split(' ');

/** The 13 tracked markets but these. */
export const marketsWithout = (...markets: string[]) => TRACKED_MARKETS.filter((m) => !markets.includes(m));

/** Top tracks with these popularities (fake but well-formed ids). */
export const topTracks = (...popularities: number[]): SnapshotTrack[] =>
  popularities.map((popularity, i) => ({
    spotifyId: `fixturetrack${i}`.padEnd(22, '0'),
    name: `Fixture track ${i + 1}`,
    popularity,
    markets: TRACKED_MARKETS.length,
  }));

/**
 * A snapshot as the collector would store it, knowing nothing unless told: history of past days that tests record
 * through `InsightsService.recordSnapshots` (which recomputes the growth metrics, as a collection does).
 */
export function artistSnapshot(
  spotifyId: string,
  day: string,
  over: Partial<ArtistSnapshot> = {},
): ArtistSnapshot {
  return {
    spotifyId,
    artistId: null,
    name: 'Fixture artist',
    day,
    collectedAt: new Date(`${day}T06:00:00Z`),
    followers: null,
    followersSource: null,
    followersAsOf: null,
    popularity: null,
    genres: null,
    monthlyListeners: null,
    monthlyListenersAsOf: null,
    trackedMarkets: TRACKED_MARKETS,
    markets: null,
    activeMarkets: null,
    topTracks: null,
    audioProfile: null,
    relatedArtists: null,
    benchmark: null,
    recommendations: null,
    skipped: [],
    ...over,
  };
}

/** A day on which Spotify gave followers, popularity and top tracks. */
export function knownSnapshot(
  spotifyId: string,
  day: string,
  values: { followers: number; popularity: number; activeMarkets: string[]; topTrackPopularities: number[] },
  over: Partial<ArtistSnapshot> = {},
): ArtistSnapshot {
  return artistSnapshot(spotifyId, day, {
    followers: values.followers,
    followersSource: 'SPOTIFY',
    followersAsOf: day,
    popularity: values.popularity,
    activeMarkets: values.activeMarkets,
    topTracks: topTracks(...values.topTrackPopularities),
    ...over,
  });
}
