// Identifiers in Soundcharts' formats, derived from stable keys. Soundcharts uuids are 8-4-4-4-12 hex but not all
// RFC 4122 v4 (facts §5): songs here look like v1 (`…-11e9-…`), artists like the time-ordered `11e8…` form.
import { base64UrlFromKey, digitsFromKey, hexFromKey } from './soundcharts-prng';

function variant(hex: string): string {
  return '89ab'[parseInt(hex, 16) % 4];
}

export function songUuid(isrc: string): string {
  const h = hexFromKey(`soundcharts:song:${isrc}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-11e9-${variant(h[12])}${h.slice(13, 16)}-${h.slice(16, 28)}`;
}

export function artistUuid(spotifyArtistId: string): string {
  const h = hexFromKey(`soundcharts:artist:${spotifyArtistId}`, 32);
  return `11e8${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}-${variant(h[12])}${h.slice(13, 16)}-${h.slice(16, 28)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function youtubeVideoId(key: string): string {
  return base64UrlFromKey(`youtube:${key}`, 11);
}

export function shazamId(key: string): string {
  return digitsFromKey(`shazam:${key}`, 9);
}

export function tiktokMusicId(key: string): string {
  return `7${digitsFromKey(`tiktok:${key}`, 18)}`;
}

export function isni(key: string): string {
  return `0000000${digitsFromKey(`isni:${key}`, 9)}`;
}

export function ipi(key: string): string {
  return `00${digitsFromKey(`ipi:${key}`, 9)}`;
}

/** "Les Étoiles Filantes" → "les-etoiles-filantes". */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Soundcharts' asset layout: /<kind>/<c1>/<c2>/<c3>/<uuid>.jpg. */
export function assetUrl(kind: 'song' | 'artist', uuid: string): string {
  return `https://assets.soundcharts.com/${kind}/${uuid[0]}/${uuid[1]}/${uuid[2]}/${uuid}.jpg`;
}

export function appUrlOf(kind: 'song' | 'artist', slugOrUuid: string): string {
  return `https://app.soundcharts.com/app/${kind}/${slugOrUuid}/overview`;
}
