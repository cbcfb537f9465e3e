import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MusicModule } from 'src/music';
import { ArtistAudienceRefreshService } from './artist-audience-refresh.service';
import { AudienceExporter } from './audience-export.service';
import {
  ArtistAudienceResolver,
  AudienceExportResolver,
  AudiencePointResolver,
  TrackAudienceResolver,
} from './audience.resolver';
import { AudienceRepository } from './audience.repository';
import { CascadeEstimator } from './cascade-estimator.service';
import { CascadeLauncher } from './cascade-launcher.service';
import { CascadeScopeService } from './cascade-scope.service';
import { CascadeStepsResolver } from './cascade-steps.resolver';
import { CascadeJob } from './cascade.job';
import { CascadeRepository } from './cascade.repository';
import { ChartEntryResolver } from './chart-entry.resolver';
import { ChartScheduleRunner } from './chart-schedule.runner';
import { ChartSyncJob } from './chart-sync.job';
import { ChartsRepository } from './charts.repository';
import { ChartsResolver } from './charts.resolver';
import { SoundchartsClient } from './client/soundcharts.client';
import { SoundchartsHttp } from './client/soundcharts-http';
import { SoundchartsQuotaTracker } from './client/soundcharts-quota';
import { SOUNDCHARTS_ENTITIES } from './entities';
import { ExportsController } from './exports.controller';
import { MetadataRepository } from './metadata.repository';
import { SchedulesRepository } from './schedules.repository';
import { SchedulesResolver } from './schedules.resolver';
import { SoundchartsClock } from './soundcharts.clock';
import { SoundchartsLoaders } from './soundcharts.loaders';
import { SongTracksService } from './song-tracks.service';
import { TrackMergeRepository } from './track-merge.repository';
import { SoundchartsService } from './soundcharts.service';
import { ArtistAudienceStep } from './steps/artist-audience.step';
import { ArtistMetadataStep } from './steps/artist-metadata.step';
import { AudienceRunner } from './steps/audience-runner';
import { CascadeStepJobs } from './steps/cascade-step.jobs';
import { ResolveSongsStep } from './steps/resolve-songs.step';
import { SeriesFetcher } from './steps/series-fetcher';
import { SongAudienceStep } from './steps/song-audience.step';
import { SongIdentity } from './steps/song-identity';
import { SongMetadataStep } from './steps/song-metadata.step';

/**
 * Soundcharts: the client (the only code calling it), charts and their sync schedules, the cascade (song and
 * artist metadata and audience, each step a job), audience series, health and Excel export. Other modules use
 * SoundchartsService only.
 */
@Module({
  imports: [TypeOrmModule.forFeature(SOUNDCHARTS_ENTITIES), MusicModule],
  controllers: [ExportsController],
  providers: [
    SoundchartsClock,
    SoundchartsQuotaTracker,
    SoundchartsHttp,
    SoundchartsClient,
    ChartsRepository,
    SchedulesRepository,
    MetadataRepository,
    AudienceRepository,
    CascadeRepository,
    CascadeScopeService,
    CascadeEstimator,
    CascadeLauncher,
    CascadeJob,
    SongIdentity,
    SongTracksService,
    TrackMergeRepository,
    SeriesFetcher,
    AudienceRunner,
    ResolveSongsStep,
    SongMetadataStep,
    ArtistMetadataStep,
    SongAudienceStep,
    ArtistAudienceStep,
    CascadeStepJobs,
    ChartSyncJob,
    ChartScheduleRunner,
    AudienceExporter,
    SoundchartsService,
    ArtistAudienceRefreshService,
    SoundchartsLoaders,
    ChartsResolver,
    ChartEntryResolver,
    SchedulesResolver,
    TrackAudienceResolver,
    ArtistAudienceResolver,
    AudienceExportResolver,
    AudiencePointResolver,
    CascadeStepsResolver,
  ],
  // ArtistAudienceRefreshService: for SoundchartsCapabilitiesModule, which offers it as ARTIST_AUDIENCE_REFRESH
  exports: [SoundchartsService, SoundchartsClock, ArtistAudienceRefreshService],
})
export class SoundchartsModule {}
