// GET /search semantics, kept pure: query parsing (field filters, quoted values, free text) and matching against a
// normalised index of the catalog. Results are ordered by popularity, then id, so answers are deterministic.
import { byPopularityThenId, type SpotifyCatalog } from './spotify-catalog';
import type { SpotifyAlbumRecord, SpotifyArtistRecord, SpotifyTrackRecord } from './spotify-catalog.types';
import { normalizeText } from './spotify-text';

export const SEARCH_FIELDS = ['track', 'artist', 'album', 'isrc', 'genre', 'year'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface ParsedSearchQuery {
  /** Normalised free-text terms (a quoted phrase stays one term). */
  readonly free: readonly string[];
  readonly filters: Readonly<Record<SearchField, readonly string[]>>;
}

function isField(name: string): name is SearchField {
  return (SEARCH_FIELDS as readonly string[]).includes(name);
}

export function parseSearchQuery(q: string): ParsedSearchQuery {
  const filters: Record<SearchField, string[]> = {
    track: [],
    artist: [],
    album: [],
    isrc: [],
    genre: [],
    year: [],
  };
  const free: string[] = [];
  const token = /([A-Za-z]+):"([^"]*)"?|([A-Za-z]+):(\S+)|"([^"]*)"?|(\S+)/g;
  for (const m of q.matchAll(token)) {
    const field = (m[1] ?? m[3])?.toLowerCase();
    const value = m[2] ?? m[4];
    if (field !== undefined && value !== undefined && isField(field)) {
      const kept = field === 'isrc' || field === 'year' ? value.trim().toUpperCase() : normalizeText(value);
      if (kept !== '') filters[field].push(kept);
      continue;
    }
    const text = normalizeText(m[5] ?? m[6] ?? m[0]);
    if (text === '') continue;
    // Bare words are separate terms; a quoted phrase must appear as a whole.
    if (m[5] !== undefined) free.push(text);
    else free.push(...text.split(' '));
  }
  return { free, filters };
}

export function isEmptyQuery(query: ParsedSearchQuery): boolean {
  return query.free.length === 0 && Object.values(query.filters).every((values) => values.length === 0);
}

function yearMatches(releaseDate: string, filters: readonly string[]): boolean {
  const year = Number(releaseDate.slice(0, 4));
  return filters.every((f) => {
    const range = /^(\d{4})-(\d{4})$/.exec(f);
    if (range) return year >= Number(range[1]) && year <= Number(range[2]);
    return /^\d{4}$/.test(f) && year === Number(f);
  });
}

const includesAll = (haystack: string, needles: readonly string[]) =>
  needles.every((n) => haystack.includes(n));
const someIncludesAll = (haystacks: readonly string[], needles: readonly string[]) =>
  needles.every((n) => haystacks.some((h) => h.includes(n)));

interface TrackEntry {
  readonly track: SpotifyTrackRecord;
  readonly name: string;
  readonly artists: readonly string[];
  readonly album: string;
  readonly genres: readonly string[];
  readonly releaseDate: string;
  readonly haystack: string;
}

/** Normalised strings computed once per catalog, so a search is a linear scan of plain string checks. */
export class SpotifySearchIndex {
  private readonly trackEntries: readonly TrackEntry[];
  private readonly artistEntries: readonly { artist: SpotifyArtistRecord; name: string; genres: string[] }[];
  private readonly albumEntries: readonly { album: SpotifyAlbumRecord; name: string; artists: string[] }[];

  constructor(catalog: SpotifyCatalog) {
    const artistName = new Map(catalog.artists.map((a) => [a.id, normalizeText(a.name)]));
    const artistGenres = new Map(catalog.artists.map((a) => [a.id, a.genres.map(normalizeText)]));
    const names = (ids: readonly string[]) => ids.map((id) => artistName.get(id) ?? '');
    this.trackEntries = [...catalog.tracks].sort(byPopularityThenId).map((track) => {
      const album = catalog.albumOf(track);
      const entry = {
        track,
        name: normalizeText(track.name),
        artists: names(track.artistIds),
        album: normalizeText(album.name),
        genres: track.artistIds.flatMap((id) => artistGenres.get(id) ?? []),
        releaseDate: album.releaseDate,
      };
      return { ...entry, haystack: [entry.name, ...entry.artists, entry.album].join(' ') };
    });
    this.artistEntries = [...catalog.artists].sort(byPopularityThenId).map((artist) => ({
      artist,
      name: normalizeText(artist.name),
      genres: artist.genres.map(normalizeText),
    }));
    this.albumEntries = [...catalog.albums]
      .sort(byPopularityThenId)
      .map((album) => ({ album, name: normalizeText(album.name), artists: names(album.artistIds) }));
  }

  tracks(q: ParsedSearchQuery, market?: string): SpotifyTrackRecord[] {
    const f = q.filters;
    return this.trackEntries
      .filter(
        (e) =>
          includesAll(e.name, f.track) &&
          someIncludesAll(e.artists, f.artist) &&
          includesAll(e.album, f.album) &&
          f.isrc.every((isrc) => e.track.isrc === isrc) &&
          someIncludesAll(e.genres, f.genre) &&
          yearMatches(e.releaseDate, f.year) &&
          includesAll(e.haystack, q.free) &&
          (market === undefined || e.track.availableMarkets.includes(market)),
      )
      .map((e) => e.track);
  }

  /** `track:`, `isrc:` and `album:` filters only apply to other types: an artist search with them finds nothing. */
  artists(q: ParsedSearchQuery): SpotifyArtistRecord[] {
    const f = q.filters;
    if (f.track.length + f.isrc.length + f.album.length > 0) return [];
    return this.artistEntries
      .filter(
        (e) =>
          includesAll(e.name, f.artist) && someIncludesAll(e.genres, f.genre) && includesAll(e.name, q.free),
      )
      .map((e) => e.artist);
  }

  albums(q: ParsedSearchQuery, market?: string): SpotifyAlbumRecord[] {
    const f = q.filters;
    if (f.track.length + f.isrc.length + f.genre.length > 0) return [];
    return this.albumEntries
      .filter(
        (e) =>
          includesAll(e.name, f.album) &&
          someIncludesAll(e.artists, f.artist) &&
          yearMatches(e.album.releaseDate, f.year) &&
          includesAll([e.name, ...e.artists].join(' '), q.free) &&
          (market === undefined || e.album.availableMarkets.includes(market)),
      )
      .map((e) => e.album);
  }
}
