// Job kinds, cascade steps and the audience series the cascade fetches.

export const CHART_SYNC_JOB = 'soundcharts.chart-sync';
export const CASCADE_JOB = 'soundcharts.cascade';
/**
 * Every step runs as its own job of this one kind (the step is in its payload): one queue rather than five keeps
 * the number of queue pollers per worker process down.
 */
export const CASCADE_STEP_JOB = 'soundcharts.cascade-step';

/** Steps of a cascade, in the order they start. */
export const CASCADE_STEPS = [
  'resolve-songs',
  'song-metadata',
  'artist-metadata',
  'song-audience',
  'artist-audience',
] as const;
export type CascadeStep = (typeof CASCADE_STEPS)[number];

export type AudienceEntityType = 'track' | 'artist';

/** What a song's audience counts on each platform (facts §4.8); other platforms: `audience`. */
const SONG_METRICS: Readonly<Record<string, string>> = {
  spotify: 'streams',
  youtube: 'views',
  shazam: 'shazams',
  tiktok: 'videos',
  instagram: 'reels',
  soundcloud: 'plays',
  audiomack: 'plays',
  genius: 'page_views',
};

export const AIRPLAY = 'airplay';
export const SPINS = 'spins';
export const FOLLOWERS = 'followers';
export const MONTHLY_LISTENERS = 'monthly_listeners';

export function songMetric(platform: string): string {
  return platform === AIRPLAY ? SPINS : (SONG_METRICS[platform] ?? 'audience');
}

/** Where each kind of series comes from (stored with every point). */
export const SOURCES = {
  songAudience: 'soundcharts:song-audience',
  radioCounts: 'soundcharts:broadcast-groups',
  artistFollowers: 'soundcharts:artist-audience',
  artistListening: 'soundcharts:artist-listening',
  song: 'soundcharts:song',
  artist: 'soundcharts:artist',
} as const;

/** One series the cascade keeps up to date for an entity. */
export interface SeriesSpec {
  platform: string;
  metric: string;
  kind: 'song-audience' | 'radio-counts' | 'artist-followers' | 'artist-listening';
}

export function songSeries(trackPlatforms: readonly string[], airplay: boolean): SeriesSpec[] {
  const specs: SeriesSpec[] = trackPlatforms
    .filter((p) => p !== AIRPLAY)
    .map((platform) => ({ platform, metric: songMetric(platform), kind: 'song-audience' }));
  if (airplay || trackPlatforms.includes(AIRPLAY))
    specs.push({ platform: AIRPLAY, metric: SPINS, kind: 'radio-counts' });
  return specs;
}

export function artistSeries(artistPlatforms: readonly string[]): SeriesSpec[] {
  const specs: SeriesSpec[] = artistPlatforms.map((platform) => ({
    platform,
    metric: FOLLOWERS,
    kind: 'artist-followers',
  }));
  specs.push({ platform: 'spotify', metric: MONTHLY_LISTENERS, kind: 'artist-listening' });
  return specs;
}
