// Internal records of the Soundcharts sandbox dataset. They hold facts only; the wire shapes are produced by
// soundcharts-serializer.ts.
import type { SoundchartsAudioJson, SoundchartsGenreJson } from './soundcharts-api.types';
import type {
  ArtistAudiencePlatform,
  CareerStage,
  ChartSpec,
  GrowthLevel,
  SongAudiencePlatform,
} from './soundcharts-data.static';

export interface PlatformIdentifierRecord {
  readonly platform: string;
  readonly identifier: string;
  readonly url: string;
  readonly isDefault: boolean;
}

export interface SoundchartsArtistRecord {
  readonly uuid: string;
  readonly slug: string;
  readonly name: string;
  /** The Spotify sandbox's artist id (also in `identifiers`). */
  readonly spotifyId: string;
  readonly countryCode: string;
  readonly cityName: string;
  /** Plain strings, as /api/v2.9/artist serves them. */
  readonly genres: readonly string[];
  /** Root/sub genres given to the artist's songs. */
  readonly songGenres: readonly SoundchartsGenreJson[];
  readonly careerStage: CareerStage;
  readonly growthLevel: GrowthLevel;
  readonly type: 'person' | 'group';
  readonly gender: 'male' | 'female' | null;
  readonly birthDate: string | null;
  readonly biography: string;
  readonly isni: string;
  readonly ipi: string;
  readonly appUrl: string;
  readonly imageUrl: string;
  /** Spotify followers on the reference day (2026-01-01): the Spotify sandbox's `followers`. */
  readonly spotifyFollowers: number;
  readonly popularity: number;
  /** Audience platforms with data; others answer an empty collection. */
  readonly platforms: readonly ArtistAudiencePlatform[];
  readonly identifiers: readonly PlatformIdentifierRecord[];
}

export interface SoundchartsSongSpotifyTrack {
  readonly id: string;
  /** Release day of the track's album (YYYY-MM-DD): its plots start then. */
  readonly releaseDay: string;
  readonly popularity: number;
}

export interface SoundchartsSongRecord {
  readonly uuid: string;
  readonly name: string;
  readonly isrc: string;
  readonly isrcCountryCode: string;
  readonly creditName: string;
  readonly artistUuids: readonly string[];
  /** Every Spotify track carrying the ISRC, in catalog order; the default one first in `identifiers`. */
  readonly spotifyTracks: readonly SoundchartsSongSpotifyTrack[];
  readonly defaultSpotifyTrackId: string;
  readonly youtubeId: string | null;
  readonly shazamId: string;
  readonly tiktokId: string | null;
  readonly releaseDay: string;
  readonly durationSeconds: number;
  readonly explicit: boolean;
  readonly genres: readonly SoundchartsGenreJson[];
  readonly labels: readonly { readonly name: string; readonly type: string }[];
  readonly copyright: string;
  readonly composers: readonly string[];
  readonly audio: SoundchartsAudioJson;
  readonly appUrl: string;
  readonly imageUrl: string;
  /** Highest Spotify popularity among its tracks. */
  readonly popularity: number;
  /** Song audience platforms with data. */
  readonly platforms: readonly SongAudiencePlatform[];
  readonly identifiers: readonly PlatformIdentifierRecord[];
}

export interface SoundchartsChartRecord extends ChartSpec {
  /** Candidate songs, best first; each ranking takes the `size` best-scoring released ones. */
  readonly poolSongUuids: readonly string[];
  /** Songs kept near the top on every ranking (the multi-identifier song). */
  readonly pinnedSongUuids: readonly string[];
}

export interface SeriesPointSample {
  readonly songUuid: string;
  readonly platform: SongAudiencePlatform;
  /** Calendar day (YYYY-MM-DD). */
  readonly day: string;
  /** The `date` string the API returns for that day. */
  readonly date: string;
}

/** Ids and facts tests elsewhere can rely on without searching the dataset themselves. */
export interface SoundchartsKnownIds {
  /** Chart with exactly 200 entries on every ranking (a sync needs two pages of 100). */
  readonly chart200Slug: string;
  readonly chartSlugs: readonly string[];
  /** "Café de Flore": one song, several Spotify ids (single, album and deluxe tracks). */
  readonly multiIdSongUuid: string;
  readonly multiIdIsrc: string;
  readonly multiIdSpotifyTrackIds: readonly string[];
  /** An ISRC of the Spotify catalog that Soundcharts answers 410 for (by ISRC and by its Spotify ids). */
  readonly blacklistedIsrc: string;
  readonly blacklistedSpotifyTrackIds: readonly string[];
  /**
   * A Spotify track Soundcharts does not know yet: by-platform answers 404 (free) and asks for ingestion; the song
   * exists (`pendingSongUuid`) from `ingestionDelayMs` of emulator time after that first lookup.
   */
  readonly pendingSpotifyTrackId: string;
  readonly pendingIsrc: string;
  readonly pendingSongUuid: string;
  readonly ingestionDelayMs: number;
  /** Not a track of the Spotify sandbox: by-platform answers 404 forever. */
  readonly unknownSpotifyTrackId: string;
  readonly rueDeVivreArtistUuid: string;
  readonly rueDeVivreSpotifyId: string;
  /** On spotify/youtube/instagram but not tiktok: its tiktok audience is an empty collection. */
  readonly artistWithoutTiktokUuid: string;
  /** No genres on Spotify, genres on Soundcharts. */
  readonly artistWithSoundchartsOnlyGenresUuid: string;
  /** No genres anywhere. */
  readonly artistWithoutGenresUuid: string;
  /** First day with data (YYYY-MM-DD). */
  readonly seriesStart: string;
  /**
   * Points older than the clock's today minus this many days carry Paris offsets (+01:00 / +02:00), later ones
   * +00:00: the cut-over moves with the clock, so a pinned clock serves the same dates every time.
   */
  readonly parisOffsetAgeDays: number;
  /** A summer point (+02:00) and a winter point (+01:00) of the multi-id song's Spotify audience (2025). */
  readonly parisSummerPoint: SeriesPointSample;
  readonly parisWinterPoint: SeriesPointSample;
  /** A day missing from the multi-id song's Spotify audience (its neighbours are present). */
  readonly missingPoint: SeriesPointSample;
}
