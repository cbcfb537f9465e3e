/** What the music module stores about a Spotify track; fields a Spotify app did not receive are undefined. */
export interface SpotifyTrackInput {
  spotifyId: string;
  name: string;
  isrc?: string;
  durationMs?: number;
  albumName?: string;
  artists: { spotifyId: string; name: string }[];
}
