// What Spotify's Web API answers, as the client returns it (Spotify's own field names). Every field that Spotify
// removed for development-mode apps, or may remove, is optional: absent means "not given to this app", never 0.
// Facts: shared/providers/spotify-api.md §2.

export interface SpotifyExternalUrls {
  spotify?: string;
}

export interface SpotifyImage {
  url: string;
  height: number | null;
  width: number | null;
}

export interface SpotifySimplifiedArtist {
  id: string;
  name: string;
  type: 'artist';
  uri: string;
  href: string;
  external_urls: SpotifyExternalUrls;
}

export interface SpotifyArtist extends SpotifySimplifiedArtist {
  images: SpotifyImage[];
  /** Deprecated by Spotify since 2026-02; may be absent. Present but empty means "no genres". */
  genres?: string[];
  /** Removed for development-mode apps. */
  popularity?: number;
  /** Removed for development-mode apps. */
  followers?: { href: string | null; total: number };
}

export interface SpotifySimplifiedAlbum {
  id: string;
  name: string;
  album_type: 'album' | 'single' | 'compilation';
  total_tracks: number;
  release_date: string;
  release_date_precision: 'year' | 'month' | 'day';
  images: SpotifyImage[];
  artists: SpotifySimplifiedArtist[];
  type: 'album';
  uri: string;
  href: string;
  external_urls: SpotifyExternalUrls;
  /** Removed for development-mode apps; replaced by nothing when a market is given. */
  available_markets?: string[];
  /** Removed for development-mode apps. */
  album_group?: string;
}

export interface SpotifyPaging<T> {
  href: string;
  items: T[];
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total: number;
}

export interface SpotifyLinkedTrack {
  id: string;
  type: 'track';
  uri: string;
  href: string;
  external_urls: SpotifyExternalUrls;
}

export interface SpotifySimplifiedTrack {
  id: string;
  name: string;
  artists: SpotifySimplifiedArtist[];
  duration_ms: number;
  explicit: boolean;
  disc_number: number;
  track_number: number;
  type: 'track';
  uri: string;
  href: string;
  external_urls: SpotifyExternalUrls;
  is_local: boolean;
  preview_url?: string | null;
  /** Removed for development-mode apps; absent when the request names a market. */
  available_markets?: string[];
  /** Only when the request names a market. */
  is_playable?: boolean;
  /** Removed for development-mode apps; only present when Spotify relinked the track for a market. */
  linked_from?: SpotifyLinkedTrack;
}

export interface SpotifyAlbum extends SpotifySimplifiedAlbum {
  tracks: SpotifyPaging<SpotifySimplifiedTrack>;
  external_ids?: { upc?: string; ean?: string; isrc?: string };
  copyrights?: { text: string; type: string }[];
  genres?: string[];
  /** Removed for development-mode apps. */
  label?: string;
  /** Removed for development-mode apps. */
  popularity?: number;
}

export interface SpotifyTrack extends SpotifySimplifiedTrack {
  album: SpotifySimplifiedAlbum;
  /** Removed in Feb 2026 for development mode, restored in March 2026: treat as may-be-absent. */
  external_ids?: { isrc?: string; ean?: string; upc?: string };
  /** Removed for development-mode apps. */
  popularity?: number;
}

export interface SpotifyAudioFeatures {
  id: string;
  acousticness: number;
  danceability: number;
  duration_ms: number;
  energy: number;
  instrumentalness: number;
  key: number;
  liveness: number;
  loudness: number;
  mode: number;
  speechiness: number;
  tempo: number;
  time_signature: number;
  valence: number;
  type: 'audio_features';
  uri: string;
  track_href: string;
  analysis_url: string;
}

export interface SpotifyRecommendations {
  seeds: {
    id: string;
    type: string;
    href: string | null;
    initialPoolSize: number;
    afterFilteringSize: number;
    afterRelinkingSize: number;
  }[];
  tracks: SpotifyTrack[];
}

export interface SpotifyPlayContext {
  type: string;
  href: string;
  uri: string;
  external_urls: SpotifyExternalUrls;
}

export interface SpotifyPlayHistory {
  track: SpotifyTrack;
  /** ISO date-time. */
  played_at: string;
  context: SpotifyPlayContext | null;
}

export interface SpotifyRecentlyPlayed {
  href: string;
  limit: number;
  next: string | null;
  /** Unix milliseconds as strings; null when `items` is empty. */
  cursors: { after: string; before: string } | null;
  items: SpotifyPlayHistory[];
}

export interface SpotifySearchResult {
  tracks?: SpotifyPaging<SpotifyTrack>;
  artists?: SpotifyPaging<SpotifyArtist>;
}

/** A listener's tokens after a refresh. Spotify usually omits `refresh_token`: keep using the old one then. */
export interface SpotifyUserTokens {
  accessToken: string;
  expiresInSeconds: number;
  scope?: string;
  refreshToken?: string;
}
