export type EnrichmentSelection = 'BACKFILL' | 'INCREMENTAL';

/** Values Spotify sent for one track; null = not sent (unknown id or a field this app does not receive). */
export interface TrackAttributes {
  trackId: string;
  popularity: number | null;
  isrc: string | null;
}

export type GenreSource = 'SPOTIFY' | 'SOUNDCHARTS' | 'INFERRED';

export interface ArtistImage {
  url: string;
  width: number | null;
  height: number | null;
}

/** Values for one artist; null/empty = not sent, which never replaces a stored value. */
export interface ArtistAttributes {
  artistId: string;
  genres: string[];
  genreSource: GenreSource | null;
  popularity: number | null;
  followers: number | null;
  images: ArtistImage[];
  externalUrl: string | null;
}

export interface ApplyCounts {
  /** Rows whose stored values changed. */
  updated: number;
  /** Rows that matched a track/artist whose values were already these. */
  unchanged: number;
  /** Rows naming no known track/artist. */
  missing: number;
}

/** Runs inside an apply's transaction, before it commits: throwing rolls the whole apply back. */
export type ApplyCheck = (counts: ApplyCounts) => void;

export interface TrackFilterValues {
  minPopularity?: number;
  maxPopularity?: number;
  isrc?: string;
  enriched?: boolean;
}

export interface ArtistFilterValues {
  needsEnrichment?: boolean;
  staleDays?: number;
  genre?: string;
}
