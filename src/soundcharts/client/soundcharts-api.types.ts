// Soundcharts' wire shapes as this client reads them (shared/providers/soundcharts-api.md §2 and §4). The real API
// marks every field optional, so these do too; soundcharts-json.ts turns them into the checked records below.

export interface ScPage {
  offset?: number;
  limit?: number;
  total?: number;
  next?: string | null;
}

export interface ScCollection<T = unknown> {
  related?: unknown;
  items?: T[];
  page?: ScPage;
  errors?: { key?: string; code?: number; message?: string }[];
}

export interface ScObject<T = unknown> {
  type?: string;
  object?: T;
  errors?: { key?: string; code?: number; message?: string }[];
}

/** A chart as the ranking's `related.chart` describes it. */
export interface ScChart {
  slug: string;
  name: string | null;
  platform: string | null;
  countryCode: string | null;
  frequency: string | null;
  metricType: string | null;
}

export interface ScRankingEntry {
  songUuid: string;
  songName: string;
  creditName: string | null;
  position: number;
  positionEvolution: number | null;
  oldPosition: number | null;
  metric: number | null;
  entryState: string | null;
  entryDate: string | null;
  timeOnChart: number | null;
  timeOnChartUnit: string | null;
}

export interface ScRanking {
  chart: ScChart;
  /** `related.date` verbatim (ATOM): the ranking's identity, and the path segment of that ranking. */
  date: string;
  entries: ScRankingEntry[];
}

export interface ScIdentifier {
  platform: string;
  identifier: string;
  isDefault: boolean;
}

export interface ScSong {
  uuid: string;
  name: string;
  creditName: string | null;
  isrc: string | null;
  /** Seconds. */
  duration: number | null;
  releaseDate: string | null;
  explicit: boolean | null;
  genres: { root: string; sub: string[] }[];
  labels: { name: string; type: string | null }[];
  imageUrl: string | null;
  artists: { uuid: string; name: string }[];
  /** Undefined when the object carries none (the real API lists them at /identifiers). */
  identifiers: ScIdentifier[] | undefined;
}

export interface ScArtist {
  uuid: string;
  name: string;
  countryCode: string | null;
  careerStage: string | null;
  growthLevel: string | null;
  genres: string[];
  imageUrl: string | null;
  cityName: string | null;
  identifiers: ScIdentifier[] | undefined;
}

/** One dated value of a time series: `day` is the first 10 characters of the returned date. */
export interface ScDatedValue {
  day: string;
  value: number;
  /** Per-identifier values (song audience on a platform where the song has several ids). */
  parts?: { identifier: string; value: number }[];
}

export interface ScRadioCount {
  radioSlug: string;
  playCount: number;
}

/** The answer of a lookup that may legitimately find nothing. */
export type ScLookup<T> =
  | { status: 'found'; value: T }
  | { status: 'not_found' }
  /** 410: "ISRC Blacklisted due to multiple tracks identified from DSP". */
  | { status: 'blacklisted' };
