// Read-only view of the seeded catalog with the lookups the handlers (and tests elsewhere) need.
import { TRACKED_MARKETS } from './spotify-catalog.data';
import { DEFAULT_CATALOG_SEED, generateSpotifyCatalog } from './spotify-catalog.generator';
import type {
  SpotifyAlbumRecord,
  SpotifyArtistRecord,
  SpotifyCatalogData,
  SpotifyCatalogSummary,
  SpotifyKnownIds,
  SpotifyListenerRecord,
  SpotifyTrackRecord,
} from './spotify-catalog.types';
import { normalizeText } from './spotify-text';

function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
  }
  return map;
}

/** Popularity descending, then id: the one deterministic order used for every ranked answer. */
export function byPopularityThenId(
  a: { popularity: number; id: string },
  b: { popularity: number; id: string },
) {
  return b.popularity - a.popularity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class SpotifyCatalog {
  readonly seed: number;
  readonly artists: readonly SpotifyArtistRecord[];
  readonly albums: readonly SpotifyAlbumRecord[];
  readonly tracks: readonly SpotifyTrackRecord[];
  /** Every market the emulator knows (GET /markets). */
  readonly markets: readonly string[];
  /** The 13 markets Soundgraph tracks. */
  readonly trackedMarkets: readonly string[] = TRACKED_MARKETS;
  readonly listener: SpotifyListenerRecord;
  readonly known: SpotifyKnownIds;

  private readonly tracksById: Map<string, SpotifyTrackRecord>;
  private readonly artistsById: Map<string, SpotifyArtistRecord>;
  private readonly albumsById: Map<string, SpotifyAlbumRecord>;
  private readonly artistsByName: Map<string, SpotifyArtistRecord[]>;
  private readonly tracksByIsrcMap: Map<string, SpotifyTrackRecord[]>;
  private readonly tracksByArtistMap: Map<string, SpotifyTrackRecord[]>;
  private readonly albumsByArtistMap: Map<string, SpotifyAlbumRecord[]>;

  constructor(data: SpotifyCatalogData) {
    this.seed = data.seed;
    this.artists = data.artists;
    this.albums = data.albums;
    this.tracks = data.tracks;
    this.markets = data.markets;
    this.listener = data.listener;
    this.known = data.known;
    this.tracksById = new Map(data.tracks.map((t) => [t.id, t]));
    this.artistsById = new Map(data.artists.map((a) => [a.id, a]));
    this.albumsById = new Map(data.albums.map((a) => [a.id, a]));
    this.artistsByName = groupBy(data.artists, (a) => [normalizeText(a.name)]);
    this.tracksByIsrcMap = groupBy(data.tracks, (t) => [t.isrc]);
    this.tracksByArtistMap = groupBy(data.tracks, (t) => t.artistIds);
    this.albumsByArtistMap = groupBy(data.albums, (a) => a.artistIds);
  }

  static generate(seed: number = DEFAULT_CATALOG_SEED): SpotifyCatalog {
    return new SpotifyCatalog(generateSpotifyCatalog(seed));
  }

  trackById(id: string): SpotifyTrackRecord | undefined {
    return this.tracksById.get(id);
  }

  artistById(id: string): SpotifyArtistRecord | undefined {
    return this.artistsById.get(id);
  }

  albumById(id: string): SpotifyAlbumRecord | undefined {
    return this.albumsById.get(id);
  }

  /** Exact name, ignoring case, accents and punctuation ("rue de vivre", "Les Etoiles Filantes"). */
  artistByName(name: string): SpotifyArtistRecord | undefined {
    return this.artistsByName.get(normalizeText(name))?.[0];
  }

  tracksByIsrc(isrc: string): readonly SpotifyTrackRecord[] {
    return this.tracksByIsrcMap.get(isrc.toUpperCase()) ?? [];
  }

  /** Tracks crediting the artist, as main or featured artist. */
  tracksByArtist(artistId: string): readonly SpotifyTrackRecord[] {
    return this.tracksByArtistMap.get(artistId) ?? [];
  }

  tracksByName(name: string): readonly SpotifyTrackRecord[] {
    const wanted = normalizeText(name);
    return this.tracks.filter((t) => normalizeText(t.name) === wanted);
  }

  albumsByArtist(artistId: string): readonly SpotifyAlbumRecord[] {
    return this.albumsByArtistMap.get(artistId) ?? [];
  }

  albumOf(track: SpotifyTrackRecord): SpotifyAlbumRecord {
    const album = this.albumsById.get(track.albumId);
    if (!album) throw new Error(`Spotify sandbox catalog: track ${track.id} has no album`);
    return album;
  }

  /** Up to `limit` most popular tracks of the artist playable in the market (GET /artists/{id}/top-tracks). */
  topTracks(artistId: string, market: string, limit = 10): readonly SpotifyTrackRecord[] {
    return this.tracksByArtist(artistId)
      .filter((t) => t.availableMarkets.includes(market))
      .sort(byPopularityThenId)
      .slice(0, limit);
  }

  relatedArtists(artistId: string): readonly SpotifyArtistRecord[] {
    const artist = this.artistById(artistId);
    if (!artist) return [];
    return artist.relatedArtistIds.flatMap((id) => this.artistById(id) ?? []);
  }

  /** ISRCs carried by more than one track id, with those ids. */
  sharedIsrcs(): ReadonlyMap<string, readonly string[]> {
    const shared = new Map<string, readonly string[]>();
    for (const [isrc, tracks] of this.tracksByIsrcMap) {
      if (tracks.length > 1)
        shared.set(
          isrc,
          tracks.map((t) => t.id),
        );
    }
    return shared;
  }

  summary(): SpotifyCatalogSummary {
    const bands = { hard: 0, medium: 0, easy: 0 };
    for (const t of this.tracks) {
      if (t.popularity >= 80) bands.easy++;
      else if (t.popularity >= 50) bands.medium++;
      else bands.hard++;
    }
    return {
      seed: this.seed,
      artists: this.artists.length,
      albums: this.albums.length,
      tracks: this.tracks.length,
      distinctIsrcs: this.tracksByIsrcMap.size,
      isrcsOnSeveralTracks: this.sharedIsrcs().size,
      markets: this.markets.length,
      popularityBands: bands,
      known: this.known,
      listenerId: this.listener.id,
    };
  }
}
