import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MusicModule } from 'src/music';
import { SpotifyModule } from 'src/spotify';
import { AnalyticsRepository } from './analytics.repository';
import { ListenerEntity } from './entities/listener.entity';
import { ListeningEpisodePlayEntity } from './entities/listening-episode-play.entity';
import { ListeningOAuthStateEntity } from './entities/listening-oauth-state.entity';
import { ListeningPlayEntity } from './entities/listening-play.entity';
import {
  ListeningDailyArtistEntity,
  ListeningDailyHourEntity,
  ListeningDailySummaryEntity,
  ListeningMonthlyArtistEntity,
  ListeningMonthlySummaryEntity,
} from './entities/listening-summary.entities';
import { ListeningTrackMatchEntity } from './entities/listening-track-match.entity';
import { ListeningTrackEntity } from './entities/listening-track.entity';
import { ImportJob } from './import.job';
import { ListenerTokenVault } from './listener-token.vault';
import { ListenersRepository } from './listeners.repository';
import { ListenersResolver } from './listeners.resolver';
import { ListeningAnalyticsResolver } from './listening-analytics.resolver';
import { ListeningAuthController } from './listening-auth.controller';
import { ListeningAuthService } from './listening-auth.service';
import { ListeningService } from './listening.service';
import { PlayIngestion } from './play-ingestion.service';
import { PlaysRepository } from './plays.repository';
import { PollJob } from './poll.job';
import { ResummarizeJob } from './resummarize.job';
import { TrackResolver } from './track-resolver.service';

/** Listeners (Spotify OAuth), recently-played polling, data-export imports and listening analytics. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ListenerEntity,
      ListeningPlayEntity,
      ListeningEpisodePlayEntity,
      ListeningTrackEntity,
      ListeningTrackMatchEntity,
      ListeningOAuthStateEntity,
      ListeningDailyArtistEntity,
      ListeningDailyHourEntity,
      ListeningDailySummaryEntity,
      ListeningMonthlyArtistEntity,
      ListeningMonthlySummaryEntity,
    ]),
    MusicModule,
    SpotifyModule,
  ],
  controllers: [ListeningAuthController],
  providers: [
    ListenersRepository,
    PlaysRepository,
    AnalyticsRepository,
    ListenerTokenVault,
    TrackResolver,
    PlayIngestion,
    ListeningService,
    ListeningAuthService,
    PollJob,
    ImportJob,
    ResummarizeJob,
    ListenersResolver,
    ListeningAnalyticsResolver,
  ],
  exports: [ListeningService],
})
export class ListeningModule {}
