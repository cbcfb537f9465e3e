import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { currentLogger } from 'src/common/logger';
import { JobsService } from 'src/jobs/jobs.service';
import { withTimeout } from './health.service';

// A scrape must answer even while the database does not (Prometheus times scrapes out at 10 s by default).
const JOB_COUNTS_TIMEOUT_MS = 1000;

/** One Prometheus registry per application instance (tests boot several in one process). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly graphqlRequests: Counter<'operation' | 'type' | 'outcome'>;
  readonly graphqlDuration: Histogram<'operation' | 'type'>;
  readonly graphqlQueries: Histogram<'operation'>;

  constructor(jobs: JobsService) {
    collectDefaultMetrics({ register: this.registry, prefix: 'soundgraph_' });
    this.graphqlRequests = new Counter({
      name: 'soundgraph_graphql_requests_total',
      help: 'GraphQL operations by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.graphqlDuration = new Histogram({
      name: 'soundgraph_graphql_request_duration_seconds',
      help: 'GraphQL operation duration by operation name and type',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.graphqlQueries = new Histogram({
      name: 'soundgraph_graphql_sql_statements',
      help: 'SQL statements sent to answer one GraphQL operation (flat in page size when loaders batch)',
      labelNames: ['operation'],
      buckets: [1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
      registers: [this.registry],
    });
    new Gauge({
      name: 'soundgraph_jobs',
      help: 'Job runs by kind and status (read from the database at scrape time)',
      labelNames: ['kind', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        let rows: Awaited<ReturnType<JobsService['countsByKindAndStatus']>>;
        try {
          rows = await withTimeout(jobs.countsByKindAndStatus(), JOB_COUNTS_TIMEOUT_MS);
        } catch (error) {
          // A database outage must not take the other metrics down with it: no samples, and a warning.
          currentLogger().warn({ err: error }, 'metrics: job counts unavailable');
          return;
        }
        for (const row of rows) this.set({ kind: row.kind, status: row.status }, row.count);
      },
    });
  }

  /** Lets other modules add their own metrics to this registry. */
  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<L>;
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Gauge<L>;
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
