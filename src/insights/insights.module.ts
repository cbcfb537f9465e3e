import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MusicModule } from 'src/music';
import { SpotifyModule } from 'src/spotify';
import { CollectInsightsJob } from './collect-insights.job';
import { ArtistSnapshotEntity } from './entities/artist-snapshot.entity';
import { TrackedArtistEntity } from './entities/tracked-artist.entity';
import { InsightsClock } from './insights.clock';
import { InsightsResolver } from './insights.resolver';
import { InsightsService } from './insights.service';
import { SnapshotCollector } from './snapshot-collector.service';
import { SnapshotsRepository } from './snapshots.repository';
import { TrackedArtistsRepository } from './tracked-artists.repository';

/** Tracked artists and their daily snapshots: profile, markets, top tracks, audio profile, related artists. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TrackedArtistEntity, ArtistSnapshotEntity]),
    MusicModule,
    SpotifyModule,
  ],
  providers: [
    InsightsClock,
    TrackedArtistsRepository,
    SnapshotsRepository,
    SnapshotCollector,
    InsightsService,
    CollectInsightsJob,
    InsightsResolver,
  ],
  exports: [InsightsService, InsightsClock],
})
export class InsightsModule {}
