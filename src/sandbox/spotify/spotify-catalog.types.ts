// Internal records of the seeded catalog. They hold facts only; the wire shape (hrefs, uris, mode-dependent fields)
// is produced by spotify-serializer.ts so the same record can be served in extended and development mode.

export type SpotifyAlbumType = 'album' | 'single' | 'compilation';
export type SpotifyReleaseDatePrecision = 'year' | 'month' | 'day';

export interface SpotifyImageRecord {
  readonly url: string;
  readonly height: number;
  readonly width: number;
}

export interface SpotifyArtistRecord {
  readonly id: string;
  readonly name: string;
  readonly genres: readonly string[];
  readonly popularity: number;
  readonly followers: number;
  readonly images: readonly SpotifyImageRecord[];
  readonly relatedArtistIds: readonly string[];
  /** ISO 3166-1 alpha-2 country of the artist's label: the first two characters of its ISRCs. */
  readonly country: string;
}

export interface SpotifyCopyrightRecord {
  readonly text: string;
  readonly type: 'C' | 'P';
}

export interface SpotifyAlbumRecord {
  readonly id: string;
  readonly name: string;
  readonly albumType: SpotifyAlbumType;
  readonly artistIds: readonly string[];
  readonly releaseDate: string;
  readonly releaseDatePrecision: SpotifyReleaseDatePrecision;
  readonly label: string;
  readonly upc: string;
  readonly popularity: number;
  readonly images: readonly SpotifyImageRecord[];
  readonly copyrights: readonly SpotifyCopyrightRecord[];
  readonly trackIds: readonly string[];
  /** Union of its tracks' markets, as Spotify documents it. */
  readonly availableMarkets: readonly string[];
}

export interface SpotifyAudioFeaturesRecord {
  readonly acousticness: number;
  readonly danceability: number;
  readonly energy: number;
  readonly instrumentalness: number;
  readonly key: number;
  readonly liveness: number;
  readonly loudness: number;
  readonly mode: number;
  readonly speechiness: number;
  readonly tempo: number;
  readonly timeSignature: number;
  readonly valence: number;
}

export interface SpotifyTrackRecord {
  readonly id: string;
  readonly name: string;
  readonly albumId: string;
  readonly artistIds: readonly string[];
  readonly discNumber: number;
  readonly trackNumber: number;
  readonly durationMs: number;
  readonly explicit: boolean;
  readonly isrc: string;
  readonly popularity: number;
  readonly availableMarkets: readonly string[];
  readonly audioFeatures: SpotifyAudioFeaturesRecord;
}

export interface SpotifyListenerRecord {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  readonly country: string;
  readonly product: 'premium' | 'free';
  readonly followers: number;
  /** Artists the listener favours; the recently-played history draws most plays from them. */
  readonly favouriteArtistIds: readonly string[];
}

/** Ids that tests elsewhere can rely on without searching the catalog themselves. */
export interface SpotifyKnownIds {
  readonly rueDeVivreArtistId: string;
  /** An ISRC carried by several track ids (single, album and deluxe versions of one recording). */
  readonly sharedIsrc: string;
  readonly sharedIsrcTrackIds: readonly string[];
  /** "Café de Flore" by Rue De Vivre (album version). */
  readonly accentedTrackId: string;
  readonly featTrackId: string;
  readonly remasterTrackId: string;
  readonly liveTrackId: string;
  readonly radioEditTrackId: string;
  /** A title recorded by two different artists. */
  readonly sameTitle: string;
  readonly sameTitleTrackIds: readonly string[];
  /** A track missing from at least one of the 13 tracked markets. */
  readonly restrictedTrackId: string;
  readonly restrictedTrackMissingMarkets: readonly string[];
  readonly artistIdsWithoutGenres: readonly string[];
  readonly albumId: string;
}

export interface SpotifyCatalogSummary {
  readonly seed: number;
  readonly artists: number;
  readonly albums: number;
  readonly tracks: number;
  readonly distinctIsrcs: number;
  readonly isrcsOnSeveralTracks: number;
  readonly markets: number;
  readonly popularityBands: { readonly hard: number; readonly medium: number; readonly easy: number };
  readonly known: SpotifyKnownIds;
  readonly listenerId: string;
}

export interface SpotifyCatalogData {
  readonly seed: number;
  readonly artists: readonly SpotifyArtistRecord[];
  readonly albums: readonly SpotifyAlbumRecord[];
  readonly tracks: readonly SpotifyTrackRecord[];
  readonly markets: readonly string[];
  readonly listener: SpotifyListenerRecord;
  readonly known: SpotifyKnownIds;
}
