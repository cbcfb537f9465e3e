import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { JobRunModel, JobsService, toJobRunModel } from 'src/jobs';
import { AUTO_LINK_JOB, VERIFY_LINKS_JOB } from './catalog-jobs';
import { AutoLinkInput } from './dto/catalog.inputs';

/** Catalog work that calls Spotify for many works runs as jobs: these return the JobRun at once. */
@Resolver()
export class CatalogJobsResolver {
  constructor(private readonly jobs: JobsService) {}

  @RequireRole('operator')
  @Mutation(() => JobRunModel, { description: 'Links unlinked works (or the given ones) it is sure about' })
  async autoLinkWorks(
    @Args('input', { type: () => AutoLinkInput, nullable: true }) input?: AutoLinkInput,
  ): Promise<JobRunModel> {
    const payload = { workIds: input?.workIds, dryRun: input?.dryRun ?? false };
    return toJobRunModel(await this.jobs.start(AUTO_LINK_JOB, payload));
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: 'Re-fetches every linked track; reports vanished or changed ones',
  })
  async verifyLinks(): Promise<JobRunModel> {
    return toJobRunModel(await this.jobs.start(VERIFY_LINKS_JOB));
  }
}
