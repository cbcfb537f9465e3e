// Wire shapes the emulator serves (shared/providers/soundcharts-api.md §2 and §4). Clients elsewhere may import them
// for their tests; the real API marks every field optional, the emulator always sends them.

export interface SoundchartsErrorItemJson {
  readonly key: string;
  readonly code: number;
  readonly message: string;
}

export interface SoundchartsErrorJson {
  readonly errors: readonly SoundchartsErrorItemJson[];
}

export interface SoundchartsPageJson {
  readonly offset: number;
  readonly limit: number;
  readonly total: number;
  /** Relative URL with the query string of the next page, or null. */
  readonly next: string | null;
  readonly previous: string | null;
}

export interface SoundchartsCollectionJson<T, R = unknown> {
  readonly related: R;
  readonly items: readonly T[];
  readonly page: SoundchartsPageJson;
  readonly errors: readonly SoundchartsErrorItemJson[];
}

export interface SoundchartsObjectJson<T> {
  readonly type: string;
  readonly object: T;
  readonly errors: readonly SoundchartsErrorItemJson[];
}

export interface SoundchartsChartJson {
  readonly name: string;
  readonly type: string;
  readonly slug: string;
  readonly platform: string;
  readonly frequency: 'daily' | 'weekly';
  readonly countryCode: string | null;
  readonly countryName: string | null;
  readonly cityName: string | null;
  readonly maxResultsCount: number;
  readonly webUrl: string;
}

export interface SoundchartsChartWithMetricJson extends SoundchartsChartJson {
  readonly metric: { readonly type: string; readonly description: string };
}

export interface SoundchartsSongLightJson {
  readonly uuid: string;
  readonly name: string;
  readonly creditName: string;
  readonly imageUrl: string;
}

export interface SoundchartsRankingItemJson {
  readonly song: SoundchartsSongLightJson;
  readonly position: number;
  /** Positive = up, negative = down, 0 for new entries and re-entries. */
  readonly positionEvolution: number;
  readonly metric: number;
  /** "" for a song that was on the previous ranking, "NEW" for a first entry, "RE_ENTRY" otherwise. */
  readonly entryState: string;
  readonly entryDate: string;
  readonly rankDate: string;
  /** Previous position (last position before leaving for a re-entry), 0 for a first entry. */
  readonly oldPosition: number;
  readonly timeOnChart: number;
  readonly timeOnChartUnit: 'DOC' | 'WOC';
}

export interface SoundchartsRankingRelatedJson {
  readonly chart: SoundchartsChartWithMetricJson;
  readonly date: string;
}

export interface SoundchartsArtistLightJson {
  readonly uuid: string;
  readonly slug: string;
  readonly name: string;
  readonly appUrl: string;
  readonly imageUrl: string;
}

export interface SoundchartsIdentifierJson {
  readonly platformCode: string;
  readonly platformName: string;
  readonly identifier: string;
  readonly url: string;
  readonly default: boolean;
}

export interface SoundchartsGenreJson {
  readonly root: string;
  readonly sub: readonly string[];
}

export interface SoundchartsAudioJson {
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

export interface SoundchartsSongJson {
  readonly uuid: string;
  readonly name: string;
  readonly isrc: { readonly value: string; readonly countryCode: string; readonly countryName: string };
  readonly iswcs: readonly string[];
  readonly creditName: string;
  readonly artists: readonly SoundchartsArtistLightJson[];
  readonly releaseDate: string;
  readonly copyright: string;
  readonly appUrl: string;
  readonly imageUrl: string;
  /** Seconds. */
  readonly duration: number;
  readonly explicit: boolean;
  readonly genres: readonly SoundchartsGenreJson[];
  readonly composers: readonly string[];
  readonly producers: readonly string[];
  readonly labels: readonly { readonly name: string; readonly type: string }[];
  readonly audio: SoundchartsAudioJson;
}

export interface SoundchartsArtistJson extends SoundchartsArtistLightJson {
  readonly countryCode: string;
  readonly webUrl: string | null;
  readonly genres: readonly string[];
  readonly biography: string;
  readonly isni: string;
  readonly ipi: string;
  readonly gender: string | null;
  readonly type: string;
  readonly birthDate: string | null;
  readonly careerStage: string;
  readonly growthLevel: string;
  readonly cityName: string;
}

export interface SoundchartsArtistAudienceItemJson {
  readonly date: string;
  readonly followerCount: number | null;
  readonly likeCount: number | null;
  readonly followingCount: number | null;
  readonly postCount: number | null;
  readonly viewCount: number | null;
}

export interface SoundchartsArtistSeriesRelatedJson {
  readonly artist: SoundchartsArtistLightJson;
  readonly platform: string;
  readonly lastCrawlDate: string | null;
}

export interface SoundchartsListeningItemJson {
  readonly date: string;
  readonly value: number;
}

export interface SoundchartsSongPlotJson {
  readonly identifier: string;
  readonly value: number;
}

export interface SoundchartsSongAudienceItemJson {
  readonly date: string;
  readonly plots: readonly SoundchartsSongPlotJson[];
}

export interface SoundchartsRadioJson {
  readonly name: string;
  readonly slug: string;
  readonly countryCode: string;
  readonly countryName: string;
  readonly cityName: string;
  readonly timeZone: string;
}

export interface SoundchartsBroadcastGroupItemJson {
  readonly radio: SoundchartsRadioJson;
  /** Spins on that radio over the requested period. */
  readonly playCount: number;
}
