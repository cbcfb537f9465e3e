// Hand-written inputs of the Soundcharts sandbox: what Soundcharts knows about the Spotify sandbox's artists beyond
// Spotify (type, city, its own genre taxonomy, which platforms they are on), the charts, the radios and the platform
// codes. Kept apart from the builder so the "shape" of the dataset can be read at a glance.
import type { SoundchartsGenreJson } from './soundcharts-api.types';

export type CareerStage = 'superstar' | 'mainstream' | 'developing' | 'long_tail';
export type GrowthLevel = 'explosive' | 'high' | 'moderate' | 'average' | 'decline';

/** Platforms an artist can have audience data on (GET /api/v2/artist/{uuid}/audience/{platform}). */
export const ARTIST_AUDIENCE_PLATFORMS = ['spotify', 'youtube', 'instagram', 'tiktok', 'deezer'] as const;
export type ArtistAudiencePlatform = (typeof ARTIST_AUDIENCE_PLATFORMS)[number];

/** Platforms with artist streaming data (GET /api/v2/artist/{uuid}/streaming/{platform}/listening). */
export const ARTIST_STREAMING_PLATFORMS = ['spotify', 'youtube'] as const;

/** Platforms with song audience data (GET /api/v2/song/{uuid}/audience/{platform}). */
export const SONG_AUDIENCE_PLATFORMS = ['spotify', 'youtube', 'shazam', 'tiktok'] as const;
export type SongAudiencePlatform = (typeof SONG_AUDIENCE_PLATFORMS)[number];

/**
 * Platform codes Soundcharts accepts (facts §5). A code outside this list answers 400 "Invalid platform code"; a
 * listed code the entity has no data for answers an empty collection, as Soundcharts does.
 */
export const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  spotify: 'Spotify',
  youtube: 'YouTube',
  'youtube-artist': 'YouTube',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  shazam: 'Shazam',
  airplay: 'Airplay',
  'apple-music': 'Apple Music',
  itunes: 'iTunes',
  deezer: 'Deezer',
  amazon: 'Amazon',
  soundcloud: 'SoundCloud',
  tidal: 'Tidal',
  napster: 'Napster',
  genius: 'Genius',
  lastfm: 'Last.fm',
  songkick: 'Songkick',
  facebook: 'Facebook',
  twitter: 'X',
  x: 'X',
  audiomack: 'Audiomack',
  anghami: 'Anghami',
  jiosaavn: 'JioSaavn',
  boomplay: 'Boomplay',
  gaana: 'Gaana',
  melon: 'Melon',
  'line-music': 'Line Music',
  yandex: 'Yandex',
  joox: 'Joox',
  weibo: 'Weibo',
  pandora: 'Pandora',
  kugou: 'Kugou',
  awa: 'AWA',
};

export function isPlatformCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(PLATFORM_NAMES, code);
}

export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  AU: 'Australia',
  CA: 'Canada',
  DE: 'Germany',
  DK: 'Denmark',
  ES: 'Spain',
  FR: 'France',
  GB: 'United Kingdom',
  NL: 'Netherlands',
  NO: 'Norway',
  SE: 'Sweden',
  US: 'United States',
};

export function countryName(code: string): string {
  return COUNTRY_NAMES[code] ?? code;
}

export interface ArtistProfile {
  readonly type: 'person' | 'group';
  readonly gender: 'male' | 'female' | null;
  readonly birthDate: string | null;
  readonly cityName: string;
  /** Soundcharts' own taxonomy; may fill in where Spotify has no genres. */
  readonly genres: readonly SoundchartsGenreJson[];
  readonly growthLevel: GrowthLevel;
  /** Audience platforms the artist is on (spotify always). */
  readonly platforms: readonly ArtistAudiencePlatform[];
}

const ALL: readonly ArtistAudiencePlatform[] = ARTIST_AUDIENCE_PLATFORMS;

/** Keyed by the Spotify sandbox's artist names (stable across catalog seeds). */
export const ARTIST_PROFILES: Readonly<Record<string, ArtistProfile>> = {
  'Rue De Vivre': {
    type: 'group',
    gender: null,
    birthDate: null,
    cityName: 'Paris',
    genres: [{ root: 'pop', sub: ['french pop', 'chanson'] }],
    growthLevel: 'moderate',
    platforms: ALL,
  },
  'Marlow Banks': {
    type: 'person',
    gender: 'female',
    birthDate: '1993-05-12',
    cityName: 'Nashville',
    genres: [{ root: 'pop', sub: ['indie pop'] }],
    growthLevel: 'high',
    platforms: ALL,
  },
  'Les Étoiles Filantes': {
    type: 'group',
    gender: null,
    birthDate: null,
    cityName: 'Lyon',
    genres: [
      { root: 'electro', sub: ['electropop'] },
      { root: 'pop', sub: ['french pop'] },
    ],
    growthLevel: 'average',
    platforms: ALL,
  },
  Nordlys: {
    type: 'group',
    gender: null,
    birthDate: null,
    cityName: 'Bergen',
    genres: [{ root: 'pop', sub: ['scandipop'] }],
    growthLevel: 'moderate',
    platforms: ALL,
  },
  'Selma Havn': {
    type: 'person',
    gender: 'female',
    birthDate: '1995-09-03',
    cityName: 'Gothenburg',
    genres: [{ root: 'singer-songwriter', sub: ['folk'] }],
    growthLevel: 'average',
    platforms: ['spotify', 'youtube', 'instagram', 'deezer'],
  },
  'The Velvet Arcade': {
    type: 'group',
    gender: null,
    birthDate: null,
    cityName: 'Manchester',
    genres: [{ root: 'rock', sub: ['britpop', 'indie rock'] }],
    growthLevel: 'decline',
    platforms: ALL,
  },
  'Ana Lucía Mar': {
    type: 'person',
    gender: 'female',
    birthDate: '1992-02-21',
    cityName: 'Valencia',
    genres: [{ root: 'latin', sub: ['latin pop'] }],
    growthLevel: 'high',
    platforms: ALL,
  },
  'DJ Solenne': {
    type: 'person',
    gender: 'female',
    birthDate: '1996-11-30',
    cityName: 'Rotterdam',
    genres: [{ root: 'electro', sub: ['house', 'edm'] }],
    growthLevel: 'moderate',
    platforms: ALL,
  },
  'Brassworks Collective': {
    type: 'group',
    gender: null,
    birthDate: null,
    cityName: 'New Orleans',
    // Spotify lists no genres for this act; Soundcharts does.
    genres: [{ root: 'jazz', sub: ['big band', 'brass band'] }],
    growthLevel: 'average',
    platforms: ['spotify', 'youtube', 'instagram'],
  },
  'Kaito Blue': {
    type: 'person',
    gender: 'male',
    birthDate: '1997-07-08',
    cityName: 'Melbourne',
    genres: [{ root: 'alternative', sub: ['indie'] }],
    growthLevel: 'explosive',
    platforms: ALL,
  },
  'Ivy Mercer': {
    type: 'person',
    gender: 'female',
    birthDate: '1994-03-17',
    cityName: 'Toronto',
    genres: [{ root: 'pop', sub: ['dance pop'] }],
    growthLevel: 'average',
    platforms: ALL,
  },
  'Oskar Lind': {
    type: 'person',
    gender: 'male',
    birthDate: '2001-01-25',
    cityName: 'Aarhus',
    // Neither Spotify nor Soundcharts has genres for this long-tail artist.
    genres: [],
    growthLevel: 'average',
    platforms: ['spotify', 'instagram'],
  },
};

/** Followers per year by growth level (followers never shrink here; monthly listeners may). */
export const GROWTH_PER_YEAR: Readonly<Record<GrowthLevel, number>> = {
  explosive: 1.2,
  high: 0.45,
  moderate: 0.2,
  average: 0.07,
  decline: -0.08,
};

export function careerStageFor(spotifyFollowers: number): CareerStage {
  if (spotifyFollowers >= 10_000_000) return 'superstar';
  if (spotifyFollowers >= 1_000_000) return 'mainstream';
  if (spotifyFollowers >= 50_000) return 'developing';
  return 'long_tail';
}

export interface ChartSpec {
  readonly slug: string;
  readonly name: string;
  readonly platform: 'spotify' | 'airplay';
  readonly frequency: 'daily' | 'weekly';
  readonly countryCode: string | null;
  readonly size: number;
  readonly metric: { readonly type: string; readonly description: string };
  /** Metric of position 1 on an average day; lower positions decay as position^-0.6. */
  readonly topMetric: number;
  /** Songs whose main artist is from these countries rank higher in this chart's pool. */
  readonly homeCountries: readonly string[];
}

const STREAMS = { type: 'streams', description: 'Number of streams' };

export const CHART_SPECS: readonly ChartSpec[] = [
  {
    slug: 'global-28',
    name: 'Top 200 Global Daily',
    platform: 'spotify',
    frequency: 'daily',
    countryCode: null,
    size: 200,
    metric: STREAMS,
    topMetric: 5_600_000,
    homeCountries: [],
  },
  {
    slug: 'fr-28',
    name: 'Top 50 France Daily',
    platform: 'spotify',
    frequency: 'daily',
    countryCode: 'FR',
    size: 50,
    metric: STREAMS,
    topMetric: 420_000,
    homeCountries: ['FR'],
  },
  {
    slug: 'us-28',
    name: 'Top 50 USA Daily',
    platform: 'spotify',
    frequency: 'daily',
    countryCode: 'US',
    size: 50,
    metric: STREAMS,
    topMetric: 1_900_000,
    homeCountries: ['US', 'CA'],
  },
  {
    slug: 'global-weekly-28',
    name: 'Top 50 Global Weekly',
    platform: 'spotify',
    frequency: 'weekly',
    countryCode: null,
    size: 50,
    metric: STREAMS,
    topMetric: 38_000_000,
    homeCountries: [],
  },
  {
    slug: 'airplay-daily-fr',
    name: 'Airplay Top 50 France',
    platform: 'airplay',
    frequency: 'daily',
    countryCode: 'FR',
    size: 50,
    metric: { type: 'spins', description: 'Number of radio spins' },
    topMetric: 310,
    homeCountries: ['FR'],
  },
];

/** Hour (UTC) at which every ranking is dated; weekly charts publish on Fridays. */
export const RANKING_HOUR_UTC = 12;

export interface RadioSpec {
  readonly slug: string;
  readonly name: string;
  readonly countryCode: string;
  readonly cityName: string;
  readonly timeZone: string;
  /** Spins per day of a very popular home-country song. */
  readonly dailyRotation: number;
}

export const RADIOS: readonly RadioSpec[] = [
  {
    slug: 'fip',
    name: 'FIP',
    countryCode: 'FR',
    cityName: 'Paris',
    timeZone: 'Europe/Paris',
    dailyRotation: 3,
  },
  {
    slug: 'nrj-fr',
    name: 'NRJ',
    countryCode: 'FR',
    cityName: 'Paris',
    timeZone: 'Europe/Paris',
    dailyRotation: 6,
  },
  {
    slug: 'bbc-radio-1',
    name: 'BBC Radio 1',
    countryCode: 'GB',
    cityName: 'London',
    timeZone: 'Europe/London',
    dailyRotation: 4,
  },
  {
    slug: 'kiis-fm',
    name: 'KIIS FM',
    countryCode: 'US',
    cityName: 'Los Angeles',
    timeZone: 'America/Los_Angeles',
    dailyRotation: 7,
  },
  {
    slug: 'z100',
    name: 'Z100',
    countryCode: 'US',
    cityName: 'New York',
    timeZone: 'America/New_York',
    dailyRotation: 6,
  },
  {
    slug: 'nrk-p3',
    name: 'NRK P3',
    countryCode: 'NO',
    cityName: 'Oslo',
    timeZone: 'Europe/Oslo',
    dailyRotation: 4,
  },
  {
    slug: 'sr-p3',
    name: 'SR P3',
    countryCode: 'SE',
    cityName: 'Stockholm',
    timeZone: 'Europe/Stockholm',
    dailyRotation: 4,
  },
  {
    slug: 'los40',
    name: 'LOS40',
    countryCode: 'ES',
    cityName: 'Madrid',
    timeZone: 'Europe/Madrid',
    dailyRotation: 6,
  },
  {
    slug: 'radio-538',
    name: 'Radio 538',
    countryCode: 'NL',
    cityName: 'Amsterdam',
    timeZone: 'Europe/Amsterdam',
    dailyRotation: 5,
  },
  {
    slug: 'triple-j',
    name: 'triple j',
    countryCode: 'AU',
    cityName: 'Sydney',
    timeZone: 'Australia/Sydney',
    dailyRotation: 4,
  },
  {
    slug: 'cbc-music',
    name: 'CBC Music',
    countryCode: 'CA',
    cityName: 'Toronto',
    timeZone: 'America/Toronto',
    dailyRotation: 3,
  },
  {
    slug: 'dr-p3',
    name: 'DR P3',
    countryCode: 'DK',
    cityName: 'Copenhagen',
    timeZone: 'Europe/Copenhagen',
    dailyRotation: 4,
  },
];
