// Query-parameter validation shared by the Web API handlers, with Spotify's error messages.
import type { SpotifyCatalog } from './spotify-catalog';
import { apiErrors } from './spotify-errors';
import type { AccessTokenInfo } from './spotify-token.store';

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

export function isSpotifyId(value: string): boolean {
  return SPOTIFY_ID.test(value);
}

export function assertSpotifyId(value: string): string {
  if (!isSpotifyId(value)) throw apiErrors.invalidId();
  return value;
}

/** `ids=a,b,c` of a multi-get: count checked before shape, like Spotify. */
export function parseIds(query: URLSearchParams, max: number, name = 'ids'): string[] {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') throw apiErrors.missingIds();
  const ids = raw.split(',');
  if (ids.length > max) throw apiErrors.tooManyIds();
  return ids.map(assertSpotifyId);
}

function parseInteger(raw: string): number | undefined {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

export function parseLimit(
  query: URLSearchParams,
  bounds: { min: number; max: number; fallback: number },
): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return bounds.fallback;
  const value = parseInteger(raw);
  if (value === undefined || value < bounds.min || value > bounds.max) throw apiErrors.invalidLimit();
  return value;
}

export function parseOffset(query: URLSearchParams, max: number): number {
  const raw = query.get('offset');
  if (raw === null || raw === '') return 0;
  const value = parseInteger(raw);
  if (value === undefined || value < 0 || value > max) throw apiErrors.invalidOffset();
  return value;
}

/**
 * `market=` (ISO code or `from_token`). Returns undefined when absent. `from_token` resolves to the listener's
 * country for user tokens and is ignored for client tokens, which have no country.
 */
export function parseMarket(
  query: URLSearchParams,
  catalog: SpotifyCatalog,
  token: AccessTokenInfo,
): string | undefined {
  const raw = query.get('market');
  if (raw === null || raw === '') return undefined;
  if (raw === 'from_token') return token.kind === 'user' ? catalog.listener.country : undefined;
  const market = raw.toUpperCase();
  if (!catalog.markets.includes(market)) throw apiErrors.invalidMarket();
  return market;
}
