import { Injectable } from '@nestjs/common';
import { BadUserInputError } from 'src/common/domain-errors';
import { AppConfig } from 'src/config';
import type { SpotifyAlbum, SpotifyArtist, SpotifyAudioFeatures, SpotifyTrack } from './spotify-api.types';
import { SpotifyApiError, SpotifyCapabilityUnavailableError } from './spotify.errors';
import { BatchOutcome, BatchPlan, BatchSource, TickBatcher } from './spotify-batcher';
import {
  CapabilityObservation,
  observeAlbum,
  observeArtist,
  observeTrack,
  SpotifyCapabilityName,
} from './spotify-capabilities';
import { SpotifyCapabilities } from './spotify-capability.service';
import { MULTI_GET_LIMITS, SpotifyClient } from './spotify.client';
import { isSpotifyId } from './spotify-ids';

export interface SpotifyEntities {
  tracks: SpotifyTrack;
  artists: SpotifyArtist;
  albums: SpotifyAlbum;
  audioFeatures: SpotifyAudioFeatures;
}
export type SpotifyEntityKind = keyof SpotifyEntities;

/** An endpoint refusal that means "not for this app" rather than "not this id" (design §3). */
const refused = (error: unknown): error is SpotifyApiError =>
  error instanceof SpotifyApiError && (error.status === 403 || error.status === 404);

/** How to fetch one kind: multi-get when the app has it, else one call per id. */
interface KindSpec<V> {
  /** Path segment, for reasons: `tracks`, `audio-features`. */
  resource: string;
  multiGet: SpotifyCapabilityName;
  limit: number;
  many(ids: readonly string[]): Promise<(V | null)[]>;
  /** Absent for audio features: no single-id fallback exists once the endpoint is gone. */
  one?: (id: string) => Promise<V | null>;
  observe?: (value: V, source: string) => CapabilityObservation[];
}

/**
 * The process-wide batchers behind every SpotifyLookups (GraphQL requests and jobs alike): one per kind, so lookups
 * from concurrent requests in the same event-loop turn share Spotify calls.
 */
@Injectable()
export class SpotifyBatchFetcher {
  private readonly batchers: { [K in SpotifyEntityKind]: TickBatcher<SpotifyEntities[K]> };

  constructor(
    config: AppConfig,
    client: SpotifyClient,
    private readonly capabilities: SpotifyCapabilities,
  ) {
    const concurrency = config.spotify.lookupConcurrency;
    this.batchers = {
      tracks: new TickBatcher(
        this.source<SpotifyTrack>({
          resource: 'tracks',
          multiGet: 'tracks.multiGet',
          limit: MULTI_GET_LIMITS.tracks,
          many: (ids) => client.tracks(ids),
          one: (id) => client.track(id),
          observe: observeTrack,
        }),
        concurrency,
      ),
      artists: new TickBatcher(
        this.source<SpotifyArtist>({
          resource: 'artists',
          multiGet: 'artists.multiGet',
          limit: MULTI_GET_LIMITS.artists,
          many: (ids) => client.artists(ids),
          one: (id) => client.artist(id),
          observe: observeArtist,
        }),
        concurrency,
      ),
      albums: new TickBatcher(
        this.source<SpotifyAlbum>({
          resource: 'albums',
          multiGet: 'albums.multiGet',
          limit: MULTI_GET_LIMITS.albums,
          many: (ids) => client.albums(ids),
          one: (id) => client.album(id),
          observe: observeAlbum,
        }),
        concurrency,
      ),
      audioFeatures: new TickBatcher(
        this.source<SpotifyAudioFeatures>({
          resource: 'audio-features',
          multiGet: 'audioFeatures',
          limit: MULTI_GET_LIMITS.audioFeatures,
          many: (ids) => client.audioFeatures(ids),
        }),
        concurrency,
      ),
    };
  }

  /** One entry per id: the object, null when Spotify does not know the id, or the Error for that id. */
  async load<K extends SpotifyEntityKind>(
    kind: K,
    ids: readonly string[],
  ): Promise<(SpotifyEntities[K] | null | Error)[]> {
    const valid = ids.filter(isSpotifyId);
    const answers = await this.batchers[kind].load(valid);
    const byId = new Map<string, SpotifyEntities[K] | null | Error>(valid.map((id, i) => [id, answers[i]!]));
    return ids.map((id) =>
      byId.has(id)
        ? byId.get(id)!
        : new BadUserInputError('id', `"${id}" is not a Spotify id (22 base62 characters)`),
    );
  }

  private source<V>(spec: KindSpec<V>): BatchSource<V> {
    const caps = this.capabilities;
    return {
      plan: async (): Promise<BatchPlan> => {
        await caps.ready();
        const multi = caps.peek(spec.multiGet);
        if (multi === false) return { size: spec.one ? 1 : spec.limit };
        return { size: spec.limit, exclusive: multi === undefined };
      },
      fetch: async (ids): Promise<BatchOutcome<V>> => {
        if (caps.peek(spec.multiGet) === false) {
          if (!spec.one)
            throw new SpotifyCapabilityUnavailableError(spec.multiGet, caps.reason(spec.multiGet));
          // Planned as a multi-get before the refusal was learned: back in line as single-id calls.
          if (ids.length > 1) return 'requeue';
          const value = await spec.one(ids[0]);
          if (value !== null && spec.observe)
            await caps.record(spec.observe(value, `GET /${spec.resource}/{id}`));
          return [value];
        }
        let values: (V | null)[];
        try {
          values = await spec.many(ids);
        } catch (error) {
          if (!refused(error)) throw error;
          const reason = `${error.endpoint} answered ${error.status}`;
          await caps.record([{ name: spec.multiGet, available: false, reason }]);
          if (!spec.one) throw new SpotifyCapabilityUnavailableError(spec.multiGet, reason);
          return 'requeue';
        }
        const sample = values.find((v): v is V => v !== null);
        await caps.record([
          { name: spec.multiGet, available: true, reason: `GET /${spec.resource} answered 200` },
          ...(sample && spec.observe ? spec.observe(sample, `GET /${spec.resource}`) : []),
        ]);
        return values;
      },
    };
  }
}
