import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from './auth/auth.module';
import { DomainErrorFilter } from './common/domain-error.filter';
import { LoadersModule } from './common/loaders';
import { validationPipe } from './common/validation';
import { AppConfig, ConfigModule } from './config';
import { DatabaseModule } from './database/database.module';
import { GraphQLApiModule } from './graphql/graphql.module';
import { JobsModule } from './jobs/jobs.module';
import { ObservabilityModule } from './observability/observability.module';
import { SpotifyModule } from './spotify/spotify.module';
import { MusicModule } from './music/music.module';
import { CatalogModule } from './catalog/catalog.module';
import { SoundchartsCapabilitiesModule, SoundchartsModule } from './soundcharts';
import { ListeningModule } from './listening/listening.module';
import { EnrichmentModule } from './enrichment/enrichment.module';
import { InsightsModule } from './insights/insights.module';
import { GrowthModule } from './growth/growth.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

/** The whole service; which parts run (API, worker) follows `config.role`. */
@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        ScheduleModule.forRoot(),
        LoadersModule,
        AuthModule,
        JobsModule,
        ObservabilityModule,
        SpotifyModule,
        MusicModule,
        CatalogModule,
        SoundchartsModule,
        SoundchartsCapabilitiesModule,
        ListeningModule,
        EnrichmentModule,
        InsightsModule,
        GrowthModule,
        // Workers serve /health and /metrics but no GraphQL.
        ...(config.runsApi ? [GraphQLApiModule] : []),
      ],
      providers: [
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
