import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { JobContext } from 'src/jobs';
import type { CascadeScope } from '../cascade-plan';
import { CascadeScopeService } from '../cascade-scope.service';
import { MetadataRepository } from '../metadata.repository';
import { songSeries } from '../soundcharts.constants';
import { AudienceRunner } from './audience-runner';
import { CascadeStepHandler, StepReport } from './cascade-step';

/** Song audience (SOUNDCHARTS_TRACK_PLATFORMS: streams, views, Shazams) and radio spins of the scope's songs. */
@Injectable()
export class SongAudienceStep implements CascadeStepHandler {
  readonly step = 'song-audience' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly scope: CascadeScopeService,
    private readonly metadata: MetadataRepository,
    private readonly runner: AudienceRunner,
  ) {}

  async run(scope: CascadeScope, ctx: JobContext): Promise<StepReport> {
    const songs = await this.scope.songs(scope);
    // A song Soundcharts said it no longer knows would answer 404 on every series: not asked.
    const gone = await this.metadata.songsNotFound(songs.map((s) => s.trackId));
    const entities = songs
      .filter((s) => !gone.has(s.trackId))
      .map((s) => ({ id: s.trackId, uuid: s.songUuid }));
    const { trackPlatforms, airplay } = this.config.soundcharts;
    return this.runner.run('track', entities, songSeries(trackPlatforms, airplay), ctx);
  }
}
