import { BadUserInputError } from 'src/common/domain-errors';
import { isSpotifyId } from 'src/spotify';

/** Spotify ids are validated at the edge: 22 base62 characters. */
export function assertSpotifyId(value: string, field: string): string {
  if (!isSpotifyId(value)) throw new BadUserInputError(field, 'is not a Spotify id (22 base62 characters)');
  return value;
}
