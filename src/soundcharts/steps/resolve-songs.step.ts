import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { JobContext } from 'src/jobs';
import { MusicService, TrackEntity } from 'src/music';
import type { CascadeScope } from '../cascade-plan';
import type { ScLookup, ScSong } from '../client/soundcharts-api.types';
import { SoundchartsClient } from '../client/soundcharts.client';
import { chunk, mapLimit } from '../concurrency';
import { MetadataRepository, ResolutionRecord, SongRecord } from '../metadata.repository';
import { CascadeStepHandler, STEP_CHUNK, StepReport } from './cascade-step';
import { SongTracksService } from '../song-tracks.service';
import { SongIdentity } from './song-identity';

const ISRC = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/;

/** A 410 (blacklisted ISRC) is not asked again for this long. */
const BLACKLIST_RECHECK_DAYS = 30;

/**
 * Finds given tracks on Soundcharts: by Spotify id (`/song/by-platform/spotify/{id}`: a 404 is free and makes
 * Soundcharts ingest the song, so it is PENDING and asked again next run), else by ISRC. A 410 (ISRC blacklisted)
 * or a 404 is recorded and counted, never a failure of the cascade. A found song's answer is its full metadata.
 */
@Injectable()
export class ResolveSongsStep implements CascadeStepHandler {
  readonly step = 'resolve-songs' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly client: SoundchartsClient,
    private readonly identity: SongIdentity,
    private readonly metadata: MetadataRepository,
    private readonly music: MusicService,
    private readonly songTracks: SongTracksService,
  ) {}

  async run(scope: CascadeScope, ctx: JobContext): Promise<StepReport> {
    const trackIds = 'trackIds' in scope ? scope.trackIds : [];
    const tracks = (await this.music.tracksByIds(trackIds)).filter((t): t is TrackEntity => t !== null);
    const unresolved = tracks.filter((t) => !t.soundchartsUuid);
    const skip = await this.metadata.recentlyBlacklisted(
      unresolved.map((t) => t.id),
      BLACKLIST_RECHECK_DAYS,
    );
    const todo = unresolved.filter((t) => !skip.has(t.id));
    const report = {
      tracks: tracks.length,
      alreadyKnown: tracks.length - unresolved.length,
      blacklistedBefore: skip.size,
      resolved: 0,
      pending: 0,
      notFound: 0,
      blacklisted: 0,
      noIdentifier: 0,
      mergedChartSongs: 0,
    };
    await ctx.progress(0, todo.length);
    let done = 0;
    for (const part of chunk(todo, STEP_CHUNK)) {
      const lookups = await mapLimit(part, this.config.soundcharts.concurrency, (t) => this.lookUp(t));
      const resolutions: ResolutionRecord[] = [];
      const found: { track: TrackEntity; song: ScSong }[] = [];
      for (const [i, track] of part.entries()) {
        const { method, lookup } = lookups[i];
        if (!lookup) {
          report.noIdentifier++;
          resolutions.push({ trackId: track.id, status: 'NO_IDENTIFIER', method: null, songUuid: null });
        } else if (lookup.status === 'found') {
          found.push({ track, song: await this.identity.complete(lookup.value) });
        } else if (lookup.status === 'blacklisted') {
          report.blacklisted++;
          resolutions.push({ trackId: track.id, status: 'BLACKLISTED', method, songUuid: null });
        } else {
          const status = method === 'spotify' ? 'PENDING' : 'NOT_FOUND';
          report[method === 'spotify' ? 'pending' : 'notFound']++;
          resolutions.push({ trackId: track.id, status, method, songUuid: null });
        }
      }
      const { ids, merged } = await this.songTracks.upsert(
        found.map((f) => SongIdentity.input(f.song, f.track.spotifyId)),
      );
      report.mergedChartSongs += merged.length;
      const records: SongRecord[] = found.flatMap((f) => {
        const trackId = ids.get(f.song.uuid);
        return trackId ? [{ trackId, songUuid: f.song.uuid, song: f.song }] : [];
      });
      await this.metadata.saveSongs(records);
      for (const f of found)
        resolutions.push({
          trackId: f.track.id,
          status: 'FOUND',
          method: f.track.spotifyId ? 'spotify' : 'isrc',
          songUuid: f.song.uuid,
        });
      report.resolved += found.length;
      await this.metadata.saveResolutions(resolutions);
      done += part.length;
      await ctx.progress(done, todo.length);
    }
    return report;
  }

  private async lookUp(
    track: TrackEntity,
  ): Promise<{ method: 'spotify' | 'isrc'; lookup: ScLookup<ScSong> | null }> {
    if (track.spotifyId)
      return { method: 'spotify', lookup: await this.client.songByPlatform('spotify', track.spotifyId) };
    const isrc = track.isrc?.replace(/-/g, '').toUpperCase();
    if (isrc && ISRC.test(isrc)) return { method: 'isrc', lookup: await this.client.songByIsrc(isrc) };
    return { method: 'isrc', lookup: null };
  }
}
