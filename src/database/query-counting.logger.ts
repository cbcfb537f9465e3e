import { Logger as TypeOrmLogger } from 'typeorm';
import { currentLogger, rootLogger } from 'src/common/logger';
import { currentContext } from 'src/common/request-context';

/**
 * TypeORM's logger, used to count the SQL statements each GraphQL request (or job) sends, so "no N+1" can be
 * measured (per-operation histogram, tests) rather than hoped for. Errors and slow queries go to the JSON log.
 */
export class QueryCountingLogger implements TypeOrmLogger {
  logQuery(): void {
    const context = currentContext();
    if (context.queries) context.queries.count++;
  }

  logQueryError(error: string | Error, query: string): void {
    currentLogger().warn({ err: error, query: query.slice(0, 500) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    currentLogger().warn({ durationMs: time, query: query.slice(0, 500) }, 'slow query');
  }

  logSchemaBuild(): void {}
  logMigration(message: string): void {
    rootLogger().info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') currentLogger().warn(String(message));
  }
}
