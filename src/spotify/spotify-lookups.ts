import DataLoader from 'dataloader';
import { LoaderKey, RequestLoaders } from 'src/common/loaders';
import type { SpotifyAlbum, SpotifyArtist, SpotifyAudioFeatures, SpotifyTrack } from './spotify-api.types';
import { SpotifyRateLimitedError, SpotifyUnavailableError } from './spotify.errors';
import { SpotifyEntities, SpotifyEntityKind } from './spotify-batch.fetcher';
import { assertSpotifyIds } from './spotify-ids';

export type SpotifyLoader<K extends SpotifyEntityKind> = DataLoader<string, SpotifyEntities[K] | null>;
export type SpotifyLoaderSet = { [K in SpotifyEntityKind]: SpotifyLoader<K> };

/** The per-request loaders, registered with LoaderRegistry (GraphQL context) by SpotifyModule. */
export const SPOTIFY_LOADERS: { [K in SpotifyEntityKind]: LoaderKey<string, SpotifyEntities[K] | null> } = {
  tracks: new LoaderKey('spotify.tracks'),
  artists: new LoaderKey('spotify.artists'),
  albums: new LoaderKey('spotify.albums'),
  audioFeatures: new LoaderKey('spotify.audioFeatures'),
};

export type BatchLoad = <K extends SpotifyEntityKind>(
  kind: K,
  ids: readonly string[],
) => Promise<(SpotifyEntities[K] | null | Error)[]>;

/**
 * In a GraphQL request a long rate limit is an outage of the provider (UPSTREAM_UNAVAILABLE), not a reason to
 * reschedule anything; jobs keep `SpotifyRateLimitedError` so they come back later.
 */
export function toRequestError(error: unknown): unknown {
  return error instanceof SpotifyRateLimitedError ? new SpotifyUnavailableError(error.message) : error;
}

/**
 * A DataLoader (cache and dedupe for one request or job) over the shared process-wide batcher of its kind. It needs
 * no maxBatchSize or schedule of its own: the batcher below collects the whole event-loop turn and cuts the batches.
 */
export function createSpotifyLoader<K extends SpotifyEntityKind>(
  load: BatchLoad,
  kind: K,
  context: 'request' | 'job',
): SpotifyLoader<K> {
  return new DataLoader<string, SpotifyEntities[K] | null>(async (ids) => {
    const answers = await load(kind, ids);
    return context === 'request' ? answers.map((a) => toRequestError(a) as typeof a) : answers;
  });
}

export function createSpotifyLoaders(load: BatchLoad, context: 'request' | 'job'): SpotifyLoaderSet {
  return {
    tracks: createSpotifyLoader(load, 'tracks', context),
    artists: createSpotifyLoader(load, 'artists', context),
    albums: createSpotifyLoader(load, 'albums', context),
    audioFeatures: createSpotifyLoader(load, 'audioFeatures', context),
  };
}

// DataLoader keeps failures in its cache; a job that retries an id after an outage must really ask again.
async function one<V>(loader: DataLoader<string, V | null>, id: string): Promise<V | null> {
  assertSpotifyIds([id]);
  try {
    return await loader.load(id);
  } catch (error) {
    loader.clear(id);
    throw error;
  }
}

async function many<V>(loader: DataLoader<string, V | null>, ids: readonly string[]): Promise<(V | null)[]> {
  assertSpotifyIds(ids, 'ids');
  const answers = await loader.loadMany(ids);
  let failed: Error | undefined;
  answers.forEach((a, i) => {
    if (!(a instanceof Error)) return;
    failed ??= a;
    loader.clear(ids[i]);
  });
  if (failed) throw failed;
  return answers as (V | null)[];
}

/**
 * Batched, cached Spotify lookups for one GraphQL request or one job (see SpotifyService.forRequest / forJob).
 * Ids are checked before anything is sent (`BadUserInputError`); unknown ids give null; the answers are the same
 * whether this app has multi-gets (extended) or not (development: single-id calls, concurrency-capped).
 */
export class SpotifyLookups {
  constructor(readonly loaders: SpotifyLoaderSet) {}

  /** The request's own loaders, each created on first use. */
  static fromRequest(loaders: RequestLoaders): SpotifyLookups {
    return new SpotifyLookups({
      get tracks() {
        return loaders.get(SPOTIFY_LOADERS.tracks);
      },
      get artists() {
        return loaders.get(SPOTIFY_LOADERS.artists);
      },
      get albums() {
        return loaders.get(SPOTIFY_LOADERS.albums);
      },
      get audioFeatures() {
        return loaders.get(SPOTIFY_LOADERS.audioFeatures);
      },
    });
  }

  track(id: string): Promise<SpotifyTrack | null> {
    return one(this.loaders.tracks, id);
  }

  tracks(ids: readonly string[]): Promise<(SpotifyTrack | null)[]> {
    return many(this.loaders.tracks, ids);
  }

  artist(id: string): Promise<SpotifyArtist | null> {
    return one(this.loaders.artists, id);
  }

  artists(ids: readonly string[]): Promise<(SpotifyArtist | null)[]> {
    return many(this.loaders.artists, ids);
  }

  album(id: string): Promise<SpotifyAlbum | null> {
    return one(this.loaders.albums, id);
  }

  albums(ids: readonly string[]): Promise<(SpotifyAlbum | null)[]> {
    return many(this.loaders.albums, ids);
  }

  /** Throws `SpotifyCapabilityUnavailableError` when this app has no audio features (every app since 2024). */
  audioFeatures(id: string): Promise<SpotifyAudioFeatures | null> {
    return one(this.loaders.audioFeatures, id);
  }

  audioFeaturesOf(ids: readonly string[]): Promise<(SpotifyAudioFeatures | null)[]> {
    return many(this.loaders.audioFeatures, ids);
  }
}
