// The only place Spotify's JSON is read. Checks what the rest of the code relies on (ids, names, arrays) and keeps
// every optional field exactly as Spotify sent it: absent stays absent.
import type {
  SpotifyAlbum,
  SpotifyArtist,
  SpotifyAudioFeatures,
  SpotifyPaging,
  SpotifyRecentlyPlayed,
  SpotifyRecommendations,
  SpotifySearchResult,
  SpotifyTrack,
} from './spotify-api.types';
import { SpotifyUnavailableError } from './spotify.errors';

type Json = Record<string, unknown>;

function unexpected(what: string): never {
  throw new SpotifyUnavailableError(`unexpected answer: ${what}`);
}

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    unexpected(`${what} is not an object`);
  return value as Json;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) unexpected(`${what} is not an array`);
  return value;
}

function identified<T>(value: unknown, what: string): T {
  const json = object(value, what);
  if (typeof json.id !== 'string') unexpected(`${what} has no id`);
  return json as T;
}

function named<T>(value: unknown, what: string): T {
  const json = identified<Json>(value, what);
  if (typeof json.name !== 'string') unexpected(`${what} ${String(json.id)} has no name`);
  return json as T;
}

export const parseTrack = (value: unknown): SpotifyTrack => named<SpotifyTrack>(value, 'track');
export const parseArtist = (value: unknown): SpotifyArtist => named<SpotifyArtist>(value, 'artist');
export const parseAlbum = (value: unknown): SpotifyAlbum => named<SpotifyAlbum>(value, 'album');
export const parseAudioFeatures = (value: unknown): SpotifyAudioFeatures =>
  identified<SpotifyAudioFeatures>(value, 'audio features');

/** A multi-get answer `{ key: [item | null, ...] }`, one entry per requested id, in order. */
export function parseMultiGet<T>(
  data: unknown,
  key: string,
  count: number,
  parse: (value: unknown) => T,
): (T | null)[] {
  const items = array(object(data, 'multi-get answer')[key], key);
  if (items.length !== count) unexpected(`${key} has ${items.length} entries for ${count} ids`);
  return items.map((item) => (item === null ? null : parse(item)));
}

/** `{ key: [item, ...] }` (top tracks, related artists). */
export function parseList<T>(data: unknown, key: string, parse: (value: unknown) => T): T[] {
  return array(object(data, 'answer')[key], key).map(parse);
}

export function parseMarkets(data: unknown): string[] {
  return array(object(data, 'markets answer').markets, 'markets').map((m) =>
    typeof m === 'string' ? m : unexpected('a market is not a string'),
  );
}

function parsePaging<T>(value: unknown, what: string, parse: (value: unknown) => T): SpotifyPaging<T> {
  const json = object(value, what);
  return { ...(json as unknown as SpotifyPaging<T>), items: array(json.items, `${what}.items`).map(parse) };
}

export function parseSearch(data: unknown): SpotifySearchResult {
  const json = object(data, 'search answer');
  const result: SpotifySearchResult = {};
  if (json.tracks !== undefined) result.tracks = parsePaging(json.tracks, 'tracks', parseTrack);
  if (json.artists !== undefined) result.artists = parsePaging(json.artists, 'artists', parseArtist);
  return result;
}

export function parseRecommendations(data: unknown): SpotifyRecommendations {
  const json = object(data, 'recommendations answer');
  return {
    seeds: array(json.seeds, 'seeds') as SpotifyRecommendations['seeds'],
    tracks: array(json.tracks, 'tracks').map(parseTrack),
  };
}

export function parseRecentlyPlayed(data: unknown): SpotifyRecentlyPlayed {
  const json = object(data, 'recently played answer');
  const items = array(json.items, 'items').map((value) => {
    const item = object(value, 'play');
    if (typeof item.played_at !== 'string') unexpected('a play has no played_at');
    return { ...item, track: parseTrack(item.track) } as SpotifyRecentlyPlayed['items'][number];
  });
  return { ...(json as unknown as SpotifyRecentlyPlayed), items };
}

/** `message` of a Web API error body, when there is one (some 403s carry none). */
export function errorMessage(data: unknown): string | undefined {
  const error = (data as { error?: unknown } | undefined)?.error;
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}
