import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { JobContext } from 'src/jobs';
import { MusicService } from 'src/music';
import type { CascadeScope } from '../cascade-plan';
import { CascadeScopeService } from '../cascade-scope.service';
import type { ScArtist } from '../client/soundcharts-api.types';
import { SoundchartsClient } from '../client/soundcharts.client';
import { spotifyIdsOf } from '../client/soundcharts-json';
import { chunk, mapLimit } from '../concurrency';
import { CreditRow, MetadataRepository } from '../metadata.repository';
import { CascadeStepHandler, STEP_CHUNK, StepReport } from './cascade-step';

/**
 * The artists the scope's songs credit: metadata (GET /api/v2.9/artist/{uuid}: country, career stage, genres,
 * image) for those with none or an old one, then artists upserted with their Spotify id (so an artist the Spotify
 * side already has is reused, not duplicated) and the tracks' credits linked. The artist object carries no platform
 * ids: the Spotify id comes from GET /api/v2/artist/{uuid}/identifiers?platform=spotify, asked only for artists
 * whose Spotify id is not stored yet.
 */
@Injectable()
export class ArtistMetadataStep implements CascadeStepHandler {
  readonly step = 'artist-metadata' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly scope: CascadeScopeService,
    private readonly client: SoundchartsClient,
    private readonly metadata: MetadataRepository,
    private readonly music: MusicService,
  ) {}

  async run(scope: CascadeScope, ctx: JobContext): Promise<StepReport> {
    const trackIds = (await this.scope.songs(scope)).map((s) => s.trackId);
    const credited = new Map<string, CreditRow>();
    for (const c of await this.metadata.credits(trackIds))
      if (!credited.has(c.artistUuid)) credited.set(c.artistUuid, c);
    const stale = await this.metadata.artistsNeedingMetadata(
      [...credited.keys()],
      this.config.soundcharts.metadataMaxAgeDays,
    );
    const todo = [...credited.values()].filter((c) => stale.has(c.artistUuid));
    const report = {
      artists: credited.size,
      upToDate: credited.size - todo.length,
      fetched: 0,
      notFound: 0,
      tracksCredited: 0,
    };
    const storedSpotifyIds = await this.metadata.artistSpotifyIds(todo.map((c) => c.artistUuid));
    await ctx.progress(0, todo.length);
    let done = 0;
    for (const part of chunk(todo, STEP_CHUNK)) {
      const artists = await mapLimit(part, this.config.soundcharts.concurrency, async (c) => {
        const lookup = await this.client.artist(c.artistUuid);
        return lookup.status === 'found'
          ? await this.withIdentifiers(lookup.value, storedSpotifyIds.get(c.artistUuid))
          : null;
      });
      const ids = await this.music.upsertSoundchartsArtists(
        part.map((c, i) => ({
          uuid: c.artistUuid,
          name: artists[i]?.name ?? c.name,
          spotifyId: spotifyIdsOf(artists[i]?.identifiers ?? [])[0],
        })),
      );
      await this.metadata.saveArtists(
        part.flatMap((c, i) => {
          const artistId = ids.get(c.artistUuid);
          return artistId ? [{ artistId, artistUuid: c.artistUuid, name: c.name, artist: artists[i] }] : [];
        }),
      );
      report.fetched += artists.filter((a) => a).length;
      report.notFound += artists.filter((a) => !a).length;
      done += part.length;
      await ctx.progress(done, todo.length);
    }
    report.tracksCredited = await this.linkCredits(trackIds);
    return report;
  }

  private async withIdentifiers(artist: ScArtist, storedSpotifyId: string | undefined): Promise<ScArtist> {
    if (artist.identifiers !== undefined) return artist;
    if (storedSpotifyId)
      return {
        ...artist,
        identifiers: [{ platform: 'spotify', identifier: storedSpotifyId, isDefault: true }],
      };
    return { ...artist, identifiers: await this.client.artistIdentifiers(artist.uuid, 'spotify') };
  }

  /** Credits of tracks whose every credited artist is known; a track with an unknown one keeps what it has. */
  private async linkCredits(trackIds: readonly string[]): Promise<number> {
    const byTrack = new Map<string, CreditRow[]>();
    for (const c of await this.metadata.credits(trackIds))
      byTrack.set(c.trackId, [...(byTrack.get(c.trackId) ?? []), c]);
    const credits = [...byTrack]
      .filter(([, rows]) => rows.every((r) => r.artistId !== null))
      .map(([trackId, rows]) => ({ trackId, artistIds: rows.map((r) => r.artistId!) }));
    if (credits.length > 0) await this.music.setTrackCredits(credits);
    return credits.length;
  }
}
