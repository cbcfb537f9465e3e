import { BadUserInputError } from 'src/common/domain-errors';

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const ISRC = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/;

/** Spotify ids are 22 base62 characters (design §5). */
export function isSpotifyId(value: string): boolean {
  return SPOTIFY_ID.test(value);
}

/** Rejects the first malformed id before anything reaches Spotify (which would answer 400 `invalid id`). */
export function assertSpotifyIds(ids: readonly string[], field = 'id'): void {
  const bad = ids.find((id) => !isSpotifyId(id));
  if (bad !== undefined) {
    throw new BadUserInputError(field, `"${bad}" is not a Spotify id (22 base62 characters)`);
  }
}

/** `CC-XXX-YY-NNNNN` with or without dashes, any case → the 12-character upper-case form; undefined when invalid. */
export function normalizeIsrc(value: string): string | undefined {
  const compact = value.replace(/-/g, '').trim().toUpperCase();
  return ISRC.test(compact) ? compact : undefined;
}

export function assertIsrc(value: string, field = 'isrc'): string {
  const isrc = normalizeIsrc(value);
  if (!isrc) throw new BadUserInputError(field, `"${value}" is not an ISRC (12 characters, CC-XXX-YY-NNNNN)`);
  return isrc;
}
