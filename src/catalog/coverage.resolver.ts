import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { toWorkModel } from './catalog.mapper';
import { CatalogService } from './catalog.service';
import { UnlinkedArgs } from './dto/catalog.inputs';
import { CatalogCoverageModel, WorkModel } from './models/work.model';

@Resolver(() => CatalogCoverageModel)
export class CoverageResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => CatalogCoverageModel)
  catalogCoverage(): Promise<CatalogCoverageModel> {
    return this.catalog.coverage();
  }

  @ResolveField(() => [WorkModel], { description: 'Works without a Spotify link, in catalog order' })
  async unlinked(
    @Parent() _coverage: CatalogCoverageModel,
    @Args() args: UnlinkedArgs,
  ): Promise<WorkModel[]> {
    return (await this.catalog.unlinkedWorks(args.first)).map(toWorkModel);
  }
}
