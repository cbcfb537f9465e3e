import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { ChartSyncScheduleInput } from './dto/soundcharts.inputs';
import {
  ChartSyncHealthModel,
  ChartSyncScheduleModel,
  SoundchartsStatusModel,
} from './models/schedule.model';
import { toHealthModel, toScheduleModel } from './soundcharts.mapper';
import { SoundchartsService } from './soundcharts.service';

@Resolver(() => ChartSyncScheduleModel)
export class SchedulesResolver {
  constructor(private readonly soundcharts: SoundchartsService) {}

  @Query(() => [ChartSyncScheduleModel], { description: 'Chart sync schedules, by chart slug' })
  async chartSyncSchedules(): Promise<ChartSyncScheduleModel[]> {
    return (await this.soundcharts.schedulesWithStatus()).map((s) =>
      toScheduleModel(s.schedule, s.lastStatus),
    );
  }

  @RequireRole('operator')
  @Mutation(() => ChartSyncScheduleModel, {
    description:
      "Adds or replaces a chart's sync schedule (one per chart); workers pick it up within a minute",
  })
  async upsertChartSyncSchedule(
    @Args('input', { type: () => ChartSyncScheduleInput }) input: ChartSyncScheduleInput,
  ): Promise<ChartSyncScheduleModel> {
    const { schedule, lastStatus } = await this.soundcharts.upsertSchedule(input);
    return toScheduleModel(schedule, lastStatus);
  }

  @RequireRole('operator')
  @Mutation(() => Boolean, { description: "Removes a chart's sync schedule; false when it had none" })
  removeChartSyncSchedule(@Args('chartSlug') chartSlug: string): Promise<boolean> {
    return this.soundcharts.removeSchedule(chartSlug);
  }

  @Query(() => [ChartSyncHealthModel], {
    description: 'Sync health of every chart (or one) over its last 30 sync runs',
  })
  async chartSyncHealth(
    @Args('slug', { type: () => String, nullable: true }) slug?: string,
  ): Promise<ChartSyncHealthModel[]> {
    return (await this.soundcharts.health(slug)).map((h) => toHealthModel(h.chart, h.health));
  }

  @Query(() => SoundchartsStatusModel, {
    description: 'The Soundcharts quota as last seen, and rate limiting',
  })
  soundchartsStatus(): Promise<SoundchartsStatusModel> {
    return this.soundcharts.status();
  }
}
