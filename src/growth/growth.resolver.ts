import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { Loaders, RequestLoaders } from 'src/common/loaders';
import { DateScalar } from 'src/common/scalars';
import { JobRunModel, JobsService, toJobRunModel } from 'src/jobs';
import { ArtistModel, assertSpotifyId } from 'src/music';
import { COMPUTE_GROWTH_JOB } from './growth-jobs';
import { toGrowthMetricModel, toGrowthReportModel, toVisibilityScoreModel } from './growth.mapper';
import { GROWTH_LOADERS, GrowthService } from './growth.service';
import { GrowthMetricModel } from './models/growth-metric.model';
import { GrowthReportModel } from './models/growth-report.model';
import { VisibilityScoreModel } from './models/visibility-score.model';

@Resolver()
export class GrowthResolver {
  constructor(
    private readonly growth: GrowthService,
    private readonly jobs: JobsService,
  ) {}

  @Query(() => [GrowthMetricModel], {
    description: "The artist's daily growth metrics, oldest first (default: the last 90 days; at most 366)",
  })
  async growthMetrics(
    @Args('spotifyId') spotifyId: string,
    @Args('from', { type: () => DateScalar, nullable: true }) from?: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to?: string | null,
  ): Promise<GrowthMetricModel[]> {
    const id = assertSpotifyId(spotifyId, 'spotifyId');
    return (await this.growth.metrics(id, this.growth.range(from, to))).map(toGrowthMetricModel);
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: 'Recomputes growth metrics from the snapshots (default: every tracked artist)',
  })
  async computeGrowthMetrics(
    @Args('spotifyIds', { type: () => [String], nullable: true }) spotifyIds?: string[] | null,
  ): Promise<JobRunModel> {
    const ids = spotifyIds?.map((id, i) => assertSpotifyId(id, `spotifyIds[${i}]`));
    return toJobRunModel(await this.jobs.start(COMPUTE_GROWTH_JOB, ids ? { spotifyIds: ids } : {}));
  }
}

/** Artist.visibility and Artist.growth, batched per request (one query per distinct range, one for growth). */
@Resolver(() => ArtistModel)
export class ArtistGrowthResolver {
  constructor(private readonly growth: GrowthService) {}

  @ResolveField(() => [VisibilityScoreModel], {
    description:
      'Daily visibility scores, oldest first (default: the last 90 days; at most 366); days without one are left out',
  })
  async visibility(
    @Parent() artist: ArtistModel,
    @Loaders() loaders: RequestLoaders,
    @Args('from', { type: () => DateScalar, nullable: true }) from?: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to?: string | null,
  ): Promise<VisibilityScoreModel[]> {
    const range = this.growth.range(from, to);
    if (!artist.spotifyId) return [];
    const metrics = await loaders
      .get(GROWTH_LOADERS.metricsInRange)
      .load(`${artist.spotifyId}|${range.from}|${range.to}`);
    return metrics.map(toVisibilityScoreModel).filter((v) => v !== null);
  }

  @ResolveField('growth', () => GrowthReportModel, {
    nullable: true,
    description: 'The latest growth metrics',
  })
  async growthReport(
    @Parent() artist: ArtistModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<GrowthReportModel | null> {
    if (!artist.spotifyId) return null;
    const latest = await loaders.get(GROWTH_LOADERS.latestBySpotifyId).load(artist.spotifyId);
    return latest ? toGrowthReportModel(latest) : null;
  }
}
