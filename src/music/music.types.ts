/** What the music module stores about a Spotify track; fields a Spotify app did not receive are undefined. */
export interface SpotifyTrackInput {
  spotifyId: string;
  name: string;
  isrc?: string;
  durationMs?: number;
  albumName?: string;
  artists: { spotifyId: string; name: string }[];
}

/** A Spotify artist known by id and name only (tracked, or snapshotted, before anything else brought it). */
export interface SpotifyArtistInput {
  spotifyId: string;
  /** Spotify's name; empty or missing keeps a stored name (a new artist without one is not created). */
  name?: string | null;
}

/** A Soundcharts song: one recording, possibly on several Spotify track ids (single, album, deluxe). */
export interface SoundchartsSongInput {
  uuid: string;
  name: string;
  isrc?: string;
  durationMs?: number;
  /** Spotify track ids from the song's identifiers, the preferred one first. */
  spotifyIds: string[];
}

/** A track row folded into another that holds the same recording. */
export interface TrackMerge {
  fromId: string;
  intoId: string;
}

export interface SoundchartsArtistInput {
  uuid: string;
  name: string;
  spotifyId?: string;
}

/** The credits of one track, lead artist first. */
export interface TrackCredits {
  trackId: string;
  artistIds: string[];
}
