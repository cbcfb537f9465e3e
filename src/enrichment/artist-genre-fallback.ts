/**
 * Where genres come from when Spotify has none for an artist: Soundcharts' artist metadata once that integration
 * knows the artist. A token, so enrichment depends on the capability rather than on the module.
 */
export const ARTIST_GENRE_FALLBACK = Symbol('ARTIST_GENRE_FALLBACK');

export interface ArtistGenreFallback {
  /** Genres known for these artists (by our artist id); artists without any are absent. */
  artistGenres(artistIds: readonly string[]): Promise<Map<string, string[]>>;
}
