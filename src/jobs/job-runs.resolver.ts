import { Args, ID, Query, Resolver, Mutation } from '@nestjs/graphql';
import { decodeCursor, toConnection } from 'src/common/pagination';
import { RequireRole } from 'src/auth/roles';
import { assertUuid } from 'src/common/uuid';
import { JobRunsArgs } from './dto/job-runs.args';
import { toJobRunModel } from './job-run.mapper';
import { JobsService } from './jobs.service';
import { JobRunConnection, JobRunModel } from './models/job-run.model';

@Resolver(() => JobRunModel)
export class JobRunsResolver {
  constructor(private readonly jobs: JobsService) {}

  @Query(() => JobRunModel, { nullable: true })
  async jobRun(@Args('id', { type: () => ID }) id: string): Promise<JobRunModel | null> {
    const run = await this.jobs.get(assertUuid(id, 'id'));
    return run ? toJobRunModel(run) : null;
  }

  @Query(() => JobRunConnection, { description: 'Newest first' })
  async jobRuns(@Args() args: JobRunsArgs) {
    const [rows, total] = await this.jobs.list(
      { kind: args.kind, status: args.status },
      args.first + 1,
      decodeCursor(args.after),
    );
    return toConnection(
      rows,
      args.first,
      total,
      (r) => ({ micros: r.cursorMicros, id: r.id }),
      toJobRunModel,
    );
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: 'Cancels a queued or running job; a running one stops at its next check',
  })
  async cancelJob(@Args('id', { type: () => ID }) id: string): Promise<JobRunModel> {
    return toJobRunModel(await this.jobs.cancel(assertUuid(id, 'id')));
  }
}
