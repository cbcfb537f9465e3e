import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { JobContext } from 'src/jobs';
import type { CascadeScope } from '../cascade-plan';
import { CascadeScopeService } from '../cascade-scope.service';
import { MetadataRepository } from '../metadata.repository';
import { artistSeries } from '../soundcharts.constants';
import { AudienceRunner } from './audience-runner';
import { CascadeStepHandler, StepReport } from './cascade-step';

/** Artist followers (SOUNDCHARTS_ARTIST_PLATFORMS) and Spotify monthly listeners of the artists the songs credit. */
@Injectable()
export class ArtistAudienceStep implements CascadeStepHandler {
  readonly step = 'artist-audience' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly scope: CascadeScopeService,
    private readonly metadata: MetadataRepository,
    private readonly runner: AudienceRunner,
  ) {}

  async run(scope: CascadeScope, ctx: JobContext): Promise<StepReport> {
    const trackIds = (await this.scope.songs(scope)).map((s) => s.trackId);
    const uuids = [...new Set((await this.metadata.credits(trackIds)).map((c) => c.artistUuid))];
    const artists = await this.metadata.foundArtists(uuids);
    return this.runner.run(
      'artist',
      artists.map((a) => ({ id: a.artistId, uuid: a.artistUuid })),
      artistSeries(this.config.soundcharts.artistPlatforms),
      ctx,
    );
  }
}
