import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoadersModule } from 'src/common/loaders';
import { AppConfig, ConfigModule } from 'src/config';
import { DatabaseModule } from 'src/database/database.module';
import { JobsModule } from 'src/jobs/jobs.module';
import { JobsCommand, JobsListCommand, JobsWaitCommand } from './commands/jobs.command';
import { MigrateCommand } from './commands/migrate.command';

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
      ],
      providers: [MigrateCommand, JobsCommand, JobsListCommand, JobsWaitCommand],
    };
  }
}
