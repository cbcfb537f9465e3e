/**
 * Audience figures from outside Spotify (Soundcharts' stored artist audience: followers, monthly listeners). A
 * token, so insights depend on the capability rather than on the module; absent, snapshots record the gap.
 */
export const ARTIST_AUDIENCE_SOURCE = Symbol('ARTIST_AUDIENCE_SOURCE');

export interface LatestAudiencePoint {
  /** YYYY-MM-DD. */
  date: string;
  value: number;
}

export interface ArtistAudienceSource {
  /**
   * Each entity's latest stored point of one series, by Soundgraph id (artist or track uuid), e.g.
   * `('artist', ids, 'spotify', 'followers')` or `('artist', ids, 'spotify', 'monthly_listeners')`; entities
   * without a point are absent.
   */
  latestAudience(
    entityType: 'track' | 'artist',
    ids: readonly string[],
    platform: string,
    metric: string,
  ): Promise<Map<string, LatestAudiencePoint>>;
}

/**
 * Fetches an artist's audience from outside Spotify on demand (Soundcharts: looked up by its Spotify id), for a
 * tracked artist that no chart cascade brought in. A token like ARTIST_AUDIENCE_SOURCE; absent, nothing is fetched.
 */
export const ARTIST_AUDIENCE_REFRESH = Symbol('ARTIST_AUDIENCE_REFRESH');

export type AudienceRefreshOutcome =
  /** The series were brought up to `day` and stored: `latestAudience` now reads them. */
  | { status: 'refreshed'; soundchartsUuid: string; requests: number }
  /** The provider knows no artist with this Spotify id (free on Soundcharts; it may appear later). */
  | { status: 'unknown'; requests: number };

export interface ArtistAudienceRefresh {
  /**
   * Stores the artist's latest Spotify followers and monthly listeners up to `day` (YYYY-MM-DD), keyed by
   * Soundgraph's artist id. Throws when the provider fails (outage, quota, rate limit, refusal).
   */
  refreshSpotifyAudience(artistId: string, spotifyId: string, day: string): Promise<AudienceRefreshOutcome>;
}
