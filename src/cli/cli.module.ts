import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoadersModule } from 'src/common/loaders';
import { AppConfig, ConfigModule } from 'src/config';
import { DatabaseModule } from 'src/database/database.module';
import { JobsModule } from 'src/jobs/jobs.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EnrichmentModule } from 'src/enrichment';
import {
  EnrichApplyCommand,
  EnrichArtistsCommand,
  EnrichCommand,
  EnrichTracksCommand,
} from './commands/enrich.command';
import { MusicModule } from 'src/music';
import { SpotifyModule } from 'src/spotify';
import { JobsCommand, JobsListCommand, JobsWaitCommand } from './commands/jobs.command';
import { MigrateCommand } from './commands/migrate.command';
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
        EnrichmentModule,
      ],
      providers: [
        MigrateCommand,
        JobsCommand,
        JobsListCommand,
        JobsWaitCommand,
        CatalogCommand,
        CatalogImportCommand,
        CatalogLinkCommand,
        CatalogVerifyCommand,
        EnrichCommand,
        EnrichTracksCommand,
        EnrichArtistsCommand,
        EnrichApplyCommand,
      ],
    };
  }
}
