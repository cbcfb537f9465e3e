import { isSpotifyId } from 'src/spotify';

// open.spotify.com/track/<id>, with an optional locale segment (intl-fr) and any query string (?si=…)
const URL_PATTERN =
  /^(?:https?:\/\/)?open\.spotify\.com\/(?:intl-[a-z-]+\/)?track\/([0-9A-Za-z]{22})(?:[/?#].*)?$/i;
const URI_PATTERN = /^spotify:track:([0-9A-Za-z]{22})$/;

/** The track id in a track id, a `spotify:track:` URI or an open.spotify.com/track URL; undefined otherwise. */
export function parseSpotifyTrackReference(input: string): string | undefined {
  const value = input.trim();
  if (isSpotifyId(value)) return value;
  return URI_PATTERN.exec(value)?.[1] ?? URL_PATTERN.exec(value)?.[1];
}

export const spotifyTrackUrl = (trackId: string): string => `https://open.spotify.com/track/${trackId}`;
