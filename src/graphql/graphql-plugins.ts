import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { currentContext } from 'src/common/request-context';
import { MetricsService } from 'src/observability/metrics.service';
import { OperationLabels } from './operation-label';
import { checkQueryLimits, QueryLimits } from './query-limits';

/** Rejects operations over the depth, alias and cost limits before anything resolves. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async didResolveOperation(ctx) {
          if (!ctx.operation) return;
          const error = checkQueryLimits(
            ctx.operation,
            ctx.document,
            ctx.request.variables ?? {},
            limits,
            ctx.schema,
          );
          if (error) throw error;
        },
      };
    },
  };
}

/**
 * Every response `cache-control: no-store`, as Apollo's cache-control plugin sent it for this schema (no cache hints,
 * default max age 0), without that plugin's per-field hook: with it installed Apollo wraps and calls a hook for every
 * field of every response, ~1,300 on a page of 100 works, to compute a policy that is always "uncacheable".
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control'))
            response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/** Counts and times every operation by name (bounded, see OperationLabels) and type. */
export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  const labels = new OperationLabels();
  return {
    // eslint-disable-next-line @typescript-eslint/require-await
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async willSendResponse(ctx: GraphQLRequestContext<object>) {
          const operation = labels.label(ctx.operationName ?? ctx.operation?.name?.value);
          const type = ctx.operation?.operation ?? 'unknown';
          const outcome = ctx.errors?.length ? 'error' : 'success';
          metrics.graphqlRequests.inc({ operation, type, outcome });
          metrics.graphqlDuration.observe(
            { operation, type },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
          const queries = currentContext().queries;
          if (queries) metrics.graphqlQueries.observe({ operation }, queries.count);
        },
      };
    },
  };
}
