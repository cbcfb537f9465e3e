import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { JobContext } from 'src/jobs';
import type { CascadeScope } from '../cascade-plan';
import { CascadeScopeService } from '../cascade-scope.service';
import { SoundchartsClient } from '../client/soundcharts.client';
import { chunk, mapLimit } from '../concurrency';
import { MetadataRepository, SongRecord } from '../metadata.repository';
import { SongTracksService } from '../song-tracks.service';
import { CascadeStepHandler, STEP_CHUNK, StepReport } from './cascade-step';
import { SongIdentity } from './song-identity';

/**
 * Song metadata (GET /api/v2.25/song/{uuid}) for the scope's songs that have none or an old one: ISRC, duration,
 * genres, labels, credits and identifiers, whose Spotify ids connect the track to the Spotify side.
 */
@Injectable()
export class SongMetadataStep implements CascadeStepHandler {
  readonly step = 'song-metadata' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly scope: CascadeScopeService,
    private readonly client: SoundchartsClient,
    private readonly identity: SongIdentity,
    private readonly metadata: MetadataRepository,
    private readonly songTracks: SongTracksService,
  ) {}

  async run(scope: CascadeScope, ctx: JobContext): Promise<StepReport> {
    const songs = await this.scope.songs(scope);
    const stale = await this.metadata.songsNeedingMetadata(
      songs.map((s) => s.trackId),
      this.config.soundcharts.metadataMaxAgeDays,
    );
    const todo = songs.filter((s) => stale.has(s.trackId));
    const report = {
      songs: songs.length,
      upToDate: songs.length - todo.length,
      fetched: 0,
      notFound: 0,
      mergedIntoSpotifyTracks: 0,
    };
    await ctx.progress(0, todo.length);
    let done = 0;
    for (const part of chunk(todo, STEP_CHUNK)) {
      const records: SongRecord[] = await mapLimit(part, this.config.soundcharts.concurrency, async (s) => {
        const lookup = await this.client.song(s.songUuid);
        const song = lookup.status === 'found' ? await this.identity.complete(lookup.value) : null;
        return { trackId: s.trackId, songUuid: s.songUuid, song };
      });
      const found = records.filter((r) => r.song);
      const { ids, merged } = await this.songTracks.upsert(found.map((r) => SongIdentity.input(r.song!)));
      // A song merged into the Spotify-side track of its recording is stored under that track from now on.
      await this.metadata.saveSongs(
        records.map((r) => ({ ...r, trackId: ids.get(r.songUuid) ?? r.trackId })),
      );
      report.mergedIntoSpotifyTracks += merged.length;
      report.fetched += found.length;
      report.notFound += records.length - found.length;
      done += part.length;
      await ctx.progress(done, todo.length);
    }
    return report;
  }
}
