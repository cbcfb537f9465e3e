// The cascade's step graph and its request estimate: pure, unit-tested.
import { CASCADE_STEPS, CascadeStep } from './soundcharts.constants';

/** What each step reads that another step writes. */
export const STEP_DEPENDS_ON: Readonly<Record<CascadeStep, readonly CascadeStep[]>> = {
  'resolve-songs': [],
  'song-metadata': ['resolve-songs'],
  'artist-metadata': ['song-metadata'],
  'song-audience': ['song-metadata'],
  'artist-audience': ['artist-metadata'],
};

/**
 * A chart cascade covers the songs of one ranking, the one it started from (a newer ranking synced meanwhile, or
 * before a retry, does not change what it covers); `rankingId` is absent only from payloads queued before cascades
 * were tied to their ranking, which cover the chart's latest.
 */
export type CascadeScope = { chartId: string; rankingId?: string } | { trackIds: string[] };

/** A chart's songs come with their uuids; given tracks must first be found on Soundcharts. */
export function stepsFor(scope: CascadeScope): CascadeStep[] {
  return 'chartId' in scope ? CASCADE_STEPS.filter((s) => s !== 'resolve-songs') : [...CASCADE_STEPS];
}

/** Steps not started yet whose dependencies (among `steps`) have all ended, successfully or not. */
export function readySteps(
  steps: readonly CascadeStep[],
  started: ReadonlySet<CascadeStep>,
  ended: ReadonlySet<CascadeStep>,
): CascadeStep[] {
  return CASCADE_STEPS.filter(
    (s) =>
      steps.includes(s) &&
      !started.has(s) &&
      STEP_DEPENDS_ON[s].every((d) => ended.has(d) || !steps.includes(d)),
  );
}

/** A retry runs the steps that did not succeed and those after them that read what they write. */
export function stepsToRetry(failed: readonly CascadeStep[], all: readonly CascadeStep[]): CascadeStep[] {
  const out = new Set(failed);
  for (let grew = true; grew;) {
    grew = false;
    for (const step of all)
      if (!out.has(step) && STEP_DEPENDS_ON[step].some((d) => out.has(d))) {
        out.add(step);
        grew = true;
      }
  }
  return CASCADE_STEPS.filter((s) => out.has(s) && all.includes(s));
}

/**
 * The artist names of a display credit ("A, B feat. C", "A & B"): a guess of a song's artists before its metadata
 * is fetched (a name with "&" in it is split too, so the guess errs on the side of more artists).
 */
export function creditedNames(creditName: string | null | undefined): string[] {
  if (!creditName) return [];
  return creditName
    .split(/\s*(?:,|&|\bfeat\.?|\bft\.?|\bwith\b|\bx\b)\s*/i)
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
}

export interface EstimateInput {
  steps: readonly CascadeStep[];
  /** Tracks to look up by Spotify id or ISRC (their answer carries the metadata, then its identifiers). */
  tracksToResolve: number;
  songsNeedingMetadata: number;
  knownArtistsNeedingMetadata: number;
  /** Artists credited on songs not fetched yet: unknown before the song metadata, so guessed. */
  guessedNewArtists: number;
  /** Artists whose metadata is fetched and whose Spotify id is not stored yet (the guessed ones included). */
  artistsNeedingSpotifyId: number;
  /** Σ over the songs' series of the 90-day windows each needs. */
  songWindows: number;
  /** Σ over known artists' series of the windows each needs, plus the guessed artists' full history. */
  artistWindows: number;
}

export interface RequestEstimate {
  total: number;
  byStep: Partial<Record<CascadeStep, number>>;
}

/**
 * Song and artist objects carry no platform ids (provider facts §4.4/§4.5): a song found costs its lookup plus
 * GET /api/v2/song/{uuid}/identifiers (one page), an artist its lookup plus GET /api/v2/artist/{uuid}/identifiers
 * when its Spotify id is not stored yet. Then one request per entity, series and 90-day window (pages of 100 days
 * never split).
 */
export function estimateRequests(input: EstimateInput): RequestEstimate {
  const byStep: Partial<Record<CascadeStep, number>> = {};
  const add = (step: CascadeStep, n: number) => {
    if (input.steps.includes(step)) byStep[step] = Math.max(0, Math.round(n));
  };
  add('resolve-songs', 2 * input.tracksToResolve);
  add('song-metadata', 2 * input.songsNeedingMetadata);
  add(
    'artist-metadata',
    input.knownArtistsNeedingMetadata + input.guessedNewArtists + input.artistsNeedingSpotifyId,
  );
  add('song-audience', input.songWindows);
  add('artist-audience', input.artistWindows);
  return { total: Object.values(byStep).reduce((a, b) => a + b, 0), byStep };
}

/** The refusal of design §4 / issue 7: the cascade must leave at least `reserve` requests in the quota. */
export function quotaRefusal(estimate: number, remaining: number | null, reserve: number): string | null {
  if (remaining === null || remaining - estimate >= reserve) return null;
  return (
    `cascade refused: it needs about ${estimate} Soundcharts requests and ${remaining} remain in the quota; ` +
    `it would go below the reserve of ${reserve} (SOUNDCHARTS_QUOTA_RESERVE)`
  );
}
