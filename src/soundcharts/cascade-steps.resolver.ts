import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from 'src/common/loaders';
import { JobRunModel } from 'src/jobs';
import { CascadeStepModel } from './models/schedule.model';
import { CASCADE_JOB, CASCADE_STEPS, CascadeStep } from './soundcharts.constants';
import { toCascadeStepModel } from './soundcharts.mapper';
import { SOUNDCHARTS_LOADERS } from './soundcharts.loaders';

@Resolver(() => JobRunModel)
export class CascadeStepsResolver {
  @ResolveField(() => [CascadeStepModel], {
    nullable: true,
    description: 'For a soundcharts.cascade run: its steps, each with its own JobRun (null for other kinds)',
  })
  async cascadeSteps(
    @Parent() run: JobRunModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CascadeStepModel[] | null> {
    if (run.kind !== CASCADE_JOB) return null;
    const rows = await loaders.get(SOUNDCHARTS_LOADERS.cascadeSteps).load(run.id);
    const order = (s: string) => CASCADE_STEPS.indexOf(s as CascadeStep);
    return rows
      .sort((a, b) => order(a.step) - order(b.step))
      .map((r) => toCascadeStepModel(r.step, r.carriedOver, r.run));
  }
}
