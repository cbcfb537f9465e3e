import { Module } from '@nestjs/common';
import { MusicModule } from 'src/music';
import { SpotifyModule } from 'src/spotify';
import { ArtistEnrichmentJob } from './artist-enrichment.job';
import { EnrichmentResolver } from './enrichment.resolver';
import { EnrichmentService } from './enrichment.service';
import { TrackEnrichmentJob } from './track-enrichment.job';

/** Tracks and artists enriched from Spotify, with audit files, dry runs, backfill and incremental modes. */
@Module({
  imports: [MusicModule, SpotifyModule],
  providers: [EnrichmentService, TrackEnrichmentJob, ArtistEnrichmentJob, EnrichmentResolver],
  exports: [EnrichmentService],
})
export class EnrichmentModule {}
