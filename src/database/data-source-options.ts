import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { QueryCountingLogger } from './query-counting.logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Options shared by the service, the CLI and the test template: one place decides how we talk to PostgreSQL. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'soundgraph',
    uuidExtension: 'pgcrypto',
    logger: new QueryCountingLogger(),
    maxQueryExecutionTime: 2_000,
    extra: { max: 20, connectionTimeoutMillis: 5_000 },
    ...extra,
  } as DataSourceOptions;
}
