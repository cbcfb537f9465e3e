import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { QueryCountingLogger } from './query-counting.logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** How long one attempt to open a connection may take (a host that drops packets would otherwise hang ~2 min). */
export const CONNECTION_TIMEOUT_MS = 5_000;

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
    ...extra,
    // Merged, not replaced: a caller that only narrows the pool keeps the connection timeout.
    extra: {
      max: 20,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      ...(extra.extra as object | undefined),
    },
  } as DataSourceOptions;
}
