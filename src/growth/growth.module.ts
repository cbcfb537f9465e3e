import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EnrichmentModule } from 'src/enrichment';
import { InsightsModule } from 'src/insights';
import { MusicModule } from 'src/music';
import { SpotifyModule } from 'src/spotify';
import { ComputeGrowthJob } from './compute-growth.job';
import { DashboardResolver } from './dashboard.resolver';
import { DashboardService } from './dashboard.service';
import { GrowthMetricEntity } from './entities/growth-metric.entity';
import { GrowthRepository } from './growth.repository';
import { ArtistGrowthResolver, GrowthResolver } from './growth.resolver';
import { GrowthService } from './growth.service';

/** Growth metrics and the visibility score per artist and day, and the dashboard over every module's data. */
@Module({
  imports: [
    TypeOrmModule.forFeature([GrowthMetricEntity]),
    InsightsModule,
    MusicModule,
    SpotifyModule,
    CatalogModule,
    EnrichmentModule,
  ],
  providers: [
    GrowthRepository,
    GrowthService,
    ComputeGrowthJob,
    DashboardService,
    GrowthResolver,
    ArtistGrowthResolver,
    DashboardResolver,
  ],
  exports: [GrowthService, DashboardService],
})
export class GrowthModule {}
