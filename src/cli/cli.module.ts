import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoadersModule } from 'src/common/loaders';
import { AppConfig, ConfigModule } from 'src/config';
import { DatabaseModule } from 'src/database/database.module';
import { JobsModule } from 'src/jobs/jobs.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { ListeningModule } from 'src/listening';
import { EnrichmentModule } from 'src/enrichment';
import { GrowthModule } from 'src/growth';
import { InsightsModule } from 'src/insights';
import {
  InsightsCollectCommand,
  InsightsCommand,
  InsightsTrackCommand,
  InsightsTrackedCommand,
  InsightsUntrackCommand,
} from './commands/insights.command';
import { DashboardCommand } from './commands/dashboard.command';
import { RunAllCommand } from './commands/run-all.command';
import {
  EnrichApplyCommand,
  EnrichArtistsCommand,
  EnrichCommand,
  EnrichTracksCommand,
} from './commands/enrich.command';
import { MusicModule } from 'src/music';
import { SpotifyModule } from 'src/spotify';
import { SoundchartsCapabilitiesModule, SoundchartsModule } from 'src/soundcharts';
import {
  ChartsCascadeCommand,
  ChartsCommand,
  ChartsExportCommand,
  ChartsSyncCommand,
} from './commands/charts.command';
import { JobsCommand, JobsListCommand, JobsWaitCommand } from './commands/jobs.command';
import { MigrateCommand } from './commands/migrate.command';
import { SandboxCommand } from './commands/sandbox.command';
import {
  ListeningCommand,
  ListeningImportCommand,
  ListeningIngestCommand,
  ListeningListenersCommand,
} from './commands/listening.command';
import {
  CatalogCommand,
  CatalogImportCommand,
  CatalogLinkCommand,
  CatalogVerifyCommand,
} from './commands/catalog.command';

/** The same services as the API, without HTTP; the CLI never consumes the queue or runs schedules. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        ScheduleModule.forRoot(),
        LoadersModule,
        JobsModule,
        SpotifyModule,
        MusicModule,
        CatalogModule,
        SoundchartsModule,
        SoundchartsCapabilitiesModule,
        ListeningModule,
        EnrichmentModule,
        InsightsModule,
        GrowthModule,
      ],
      providers: [
        MigrateCommand,
        SandboxCommand,
        JobsCommand,
        JobsListCommand,
        JobsWaitCommand,
        CatalogCommand,
        CatalogImportCommand,
        CatalogLinkCommand,
        CatalogVerifyCommand,
        ChartsCommand,
        ChartsSyncCommand,
        ChartsCascadeCommand,
        ChartsExportCommand,
        ListeningCommand,
        ListeningIngestCommand,
        ListeningImportCommand,
        ListeningListenersCommand,
        EnrichCommand,
        EnrichTracksCommand,
        EnrichArtistsCommand,
        EnrichApplyCommand,
        InsightsCommand,
        InsightsCollectCommand,
        InsightsTrackCommand,
        InsightsUntrackCommand,
        InsightsTrackedCommand,
        DashboardCommand,
        RunAllCommand,
      ],
    };
  }
}
