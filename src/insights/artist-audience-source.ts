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
