// What one artist snapshot holds. A part this Spotify app (or deployment) cannot provide is null, never a made-up
// value, and is listed in `skipped` with the capability it needs and the reason.

/** The parts of a snapshot that can be skipped. */
export type SnapshotPart =
  | 'followers'
  | 'popularity'
  | 'genres'
  | 'monthlyListeners'
  | 'markets'
  | 'topTracks'
  | 'trackPopularity'
  | 'audioProfile'
  | 'relatedArtists'
  | 'recommendations';

export interface SkippedPart {
  part: SnapshotPart;
  /** The Spotify capability it needs (`artists.topTracks`...), or null when it needs something else (Soundcharts). */
  capability: string | null;
  reason: string;
}

/** Where an audience figure came from. */
export type AudienceSource = 'SPOTIFY' | 'SOUNDCHARTS';

/** The artist's top tracks in one market. */
export interface MarketInsight {
  market: string;
  /** Top tracks Spotify returned for the market (at most 10). */
  topTracks: number;
  /** Of those, playable in the market. */
  available: number;
  /** Mean popularity of the playable ones, one decimal; null when none is playable or popularity is unavailable. */
  meanPopularity: number | null;
}

/** One of the artist's top tracks across the tracked markets. */
export interface SnapshotTrack {
  spotifyId: string;
  name: string;
  popularity: number | null;
  /** Tracked markets where it is among the artist's playable top tracks. */
  markets: number;
}

export interface KeyCount {
  /** Pitch class (C, C#, ... B), or `unknown` when Spotify detected none. */
  key: string;
  count: number;
}

/** Means over the top tracks' audio features. */
export interface AudioProfile {
  tracks: number;
  danceability: number;
  energy: number;
  valence: number;
  tempo: number;
  acousticness: number;
  speechiness: number;
  keys: KeyCount[];
}

export interface RelatedArtistInsight {
  spotifyId: string;
  name: string;
  followers: number | null;
  popularity: number | null;
}

/** The artist against its related artists. Ranks count the artist itself (1 = highest). */
export interface RelatedBenchmark {
  artists: number;
  medianFollowers: number | null;
  medianPopularity: number | null;
  followersRank: number | null;
  popularityRank: number | null;
}

export interface RecommendedTrack {
  spotifyId: string;
  name: string;
  artists: string[];
  popularity: number | null;
}

export interface ArtistSnapshot {
  spotifyId: string;
  /** Soundgraph's artist id, when the music module knows the artist. */
  artistId: string | null;
  name: string;
  /** UTC calendar day; one snapshot per artist per day. */
  day: string;
  collectedAt: Date;
  followers: number | null;
  followersSource: AudienceSource | null;
  /** The day the follower count is of (Soundcharts points are daily and may lag). */
  followersAsOf: string | null;
  popularity: number | null;
  genres: string[] | null;
  monthlyListeners: number | null;
  monthlyListenersAsOf: string | null;
  /** INSIGHT_MARKETS when the snapshot was taken. */
  trackedMarkets: string[];
  markets: MarketInsight[] | null;
  /** Tracked markets with at least one playable top track; null when top tracks were unavailable. */
  activeMarkets: string[] | null;
  topTracks: SnapshotTrack[] | null;
  audioProfile: AudioProfile | null;
  relatedArtists: RelatedArtistInsight[] | null;
  benchmark: RelatedBenchmark | null;
  recommendations: RecommendedTrack[] | null;
  skipped: SkippedPart[];
}

export interface TrackedArtist {
  spotifyId: string;
  name: string;
  /** SANDBOX (the emulator's artist, tracked at start-up) or USER. */
  source: 'SANDBOX' | 'USER';
  trackedAt: Date;
}
