import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { DateScalar } from 'src/common/scalars';
import { assertUuid } from 'src/common/uuid';
import { JobRunModel, toJobRunModel } from 'src/jobs';
import { ChartModel, ChartRankingModel } from './models/chart.model';
import { toChartEntryModel, toChartModel } from './soundcharts.mapper';
import { SoundchartsService } from './soundcharts.service';

@Resolver(() => ChartModel)
export class ChartsResolver {
  constructor(private readonly soundcharts: SoundchartsService) {}

  @Query(() => ChartModel, {
    nullable: true,
    description: 'A Soundcharts chart synced at least once (or scheduled)',
  })
  async chart(@Args('slug') slug: string): Promise<ChartModel | null> {
    const chart = await this.soundcharts.chartBySlug(slug);
    return chart ? toChartModel(chart) : null;
  }

  @Query(() => [ChartModel], { description: 'Every chart known here, by slug' })
  async charts(): Promise<ChartModel[]> {
    return (await this.soundcharts.allCharts()).map(toChartModel);
  }

  @ResolveField(() => ChartRankingModel, {
    nullable: true,
    description: 'The latest ranking, or the latest published on `date`',
  })
  async rankings(
    @Parent() chart: ChartModel,
    @Args('date', { type: () => DateScalar, nullable: true }) date?: string,
  ): Promise<ChartRankingModel | null> {
    const found = await this.soundcharts.ranking(chart.id, date);
    return found ? { rankedAt: found.ranking.rankedAt, entries: found.entries.map(toChartEntryModel) } : null;
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description:
      "Syncs the chart's latest ranking (a job); `cascade` overrides the chart schedule's auto-cascade (default off)",
  })
  async triggerChartSync(
    @Args('slug') slug: string,
    @Args('cascade', { type: () => Boolean, nullable: true }) cascade?: boolean,
  ): Promise<JobRunModel> {
    return toJobRunModel(await this.soundcharts.syncChart(slug, cascade));
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description:
      "Song and artist metadata and audience for the chart's latest ranking, each step its own job; refused " +
      'when its estimated requests would take the quota below SOUNDCHARTS_QUOTA_RESERVE',
  })
  async triggerCascade(@Args('chartId', { type: () => ID }) chartId: string): Promise<JobRunModel> {
    return toJobRunModel(await this.soundcharts.startCascade(assertUuid(chartId, 'chartId')));
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: 'The cascade for given tracks: each is first found on Soundcharts by Spotify id, else ISRC',
  })
  async triggerTrackCascade(
    @Args('trackIds', { type: () => [ID] }) trackIds: string[],
  ): Promise<JobRunModel> {
    const ids = trackIds.map((id, i) => assertUuid(id, `trackIds[${i}]`));
    return toJobRunModel(await this.soundcharts.startTrackCascade(ids));
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description:
      'A new cascade run for the steps of a failed one that did not succeed (and the steps after them)',
  })
  async retryCascade(@Args('jobRunId', { type: () => ID }) jobRunId: string): Promise<JobRunModel> {
    return toJobRunModel(await this.soundcharts.retryCascade(assertUuid(jobRunId, 'jobRunId')));
  }
}
