import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule as NestGraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { LoaderRegistry } from 'src/common/loaders';
import { AppConfig } from 'src/config';
import { MetricsService } from 'src/observability/metrics.service';
import { formatGraphQLError } from './error-formatter';
import { metricsPlugin, noStorePlugin, queryLimitsPlugin } from './graphql-plugins';
import { DEFAULT_QUERY_LIMITS } from './query-limits';
import { ServerInfoResolver } from './server-info.resolver';

/** Apollo Server 5, code-first; the schema is built in memory (`npm run schema` writes schema.gql). */
@Module({
  imports: [
    NestGraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, MetricsService, LoaderRegistry],
      useFactory: (config: AppConfig, metrics: MetricsService, loaders: LoaderRegistry) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        introspection: config.graphqlIntrospection,
        // The landing page (GraphiQL) follows introspection: on in sandbox mode, off in live mode unless asked for.
        graphiql: config.graphqlIntrospection,
        includeStacktraceInErrorResponses: false,
        formatError: formatGraphQLError,
        plugins: [
          queryLimitsPlugin({ ...DEFAULT_QUERY_LIMITS, maxCost: config.graphqlMaxCost }),
          metricsPlugin(metrics),
          ApolloServerPluginCacheControlDisabled(),
          noStorePlugin(),
        ],
        context: ({ req, res }: { req: Request; res: Response }) => ({
          req,
          res,
          loaders: loaders.forRequest(),
        }),
      }),
    }),
  ],
  providers: [ServerInfoResolver],
})
export class GraphQLApiModule {}
