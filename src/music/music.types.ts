/** What the music module stores about a Spotify track; fields a Spotify app did not receive are undefined. */
export interface SpotifyTrackInput {
  spotifyId: string;
  name: string;
  isrc?: string;
  durationMs?: number;
  albumName?: string;
  artists: { spotifyId: string; name: string }[];
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
