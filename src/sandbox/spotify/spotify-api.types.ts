// Wire shapes served by the emulator (subset of Spotify's OpenAPI schemas). Fields Spotify removed for
// development-mode apps are optional: in that mode the keys are absent, never null.

export type SpotifyMode = 'extended' | 'development';

export interface SpotifyExternalUrls {
  spotify: string;
}

export interface SpotifyImageJson {
  url: string;
  height: number | null;
  width: number | null;
}

export interface SpotifySimplifiedArtistJson {
  external_urls: SpotifyExternalUrls;
  href: string;
  id: string;
  name: string;
  type: 'artist';
  uri: string;
}

export interface SpotifyArtistJson extends SpotifySimplifiedArtistJson {
  followers?: { href: null; total: number };
  genres?: string[];
  images: SpotifyImageJson[];
  popularity?: number;
}

export interface SpotifySimplifiedAlbumJson {
  album_type: 'album' | 'single' | 'compilation';
  total_tracks: number;
  available_markets?: string[];
  external_urls: SpotifyExternalUrls;
  href: string;
  id: string;
  images: SpotifyImageJson[];
  name: string;
  release_date: string;
  release_date_precision: 'year' | 'month' | 'day';
  type: 'album';
  uri: string;
  artists: SpotifySimplifiedArtistJson[];
}

export interface SpotifySimplifiedTrackJson {
  artists: SpotifySimplifiedArtistJson[];
  available_markets?: string[];
  disc_number: number;
  duration_ms: number;
  explicit: boolean;
  external_urls: SpotifyExternalUrls;
  href: string;
  id: string;
  is_playable?: boolean;
  name: string;
  preview_url: string | null;
  track_number: number;
  type: 'track';
  uri: string;
  is_local: boolean;
}

export interface SpotifyTrackJson extends SpotifySimplifiedTrackJson {
  album: SpotifySimplifiedAlbumJson;
  external_ids: { isrc: string };
  popularity?: number;
}

export interface SpotifyPagingJson<T> {
  href: string;
  items: T[];
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total: number;
}

export interface SpotifyAlbumJson extends SpotifySimplifiedAlbumJson {
  tracks: SpotifyPagingJson<SpotifySimplifiedTrackJson>;
  copyrights: { text: string; type: 'C' | 'P' }[];
  external_ids: { upc: string };
  genres: string[];
  label?: string;
  popularity?: number;
}

export interface SpotifyAudioFeaturesJson {
  acousticness: number;
  analysis_url: string;
  danceability: number;
  duration_ms: number;
  energy: number;
  id: string;
  instrumentalness: number;
  key: number;
  liveness: number;
  loudness: number;
  mode: number;
  speechiness: number;
  tempo: number;
  time_signature: number;
  track_href: string;
  type: 'audio_features';
  uri: string;
  valence: number;
}

export interface SpotifyContextJson {
  type: 'album' | 'artist' | 'playlist';
  href: string;
  external_urls: SpotifyExternalUrls;
  uri: string;
}

export interface SpotifyPlayHistoryJson {
  track: SpotifyTrackJson;
  played_at: string;
  context: SpotifyContextJson | null;
}

export interface SpotifyRecentlyPlayedJson {
  href: string;
  limit: number;
  next: string | null;
  cursors: { after: string; before: string } | null;
  items: SpotifyPlayHistoryJson[];
}

export interface SpotifyRecommendationSeedJson {
  afterFilteringSize: number;
  afterRelinkingSize: number;
  href: string | null;
  id: string;
  initialPoolSize: number;
  type: 'ARTIST' | 'TRACK' | 'GENRE';
}

export interface SpotifyUserJson {
  id: string;
  display_name: string;
  external_urls: SpotifyExternalUrls;
  href: string;
  images: SpotifyImageJson[];
  type: 'user';
  uri: string;
  account_id: string;
  country?: string;
  email?: string;
  explicit_content?: { filter_enabled: boolean; filter_locked: boolean };
  followers?: { href: null; total: number };
  product?: string;
}

export interface SpotifyErrorJson {
  error: { status: number; message?: string; reason?: string };
}

export interface SpotifyAuthErrorJson {
  error: string;
  error_description?: string;
}

export interface SpotifyTokenJson {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope?: string;
  refresh_token?: string;
}
