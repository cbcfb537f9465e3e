import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { RequireRole } from 'src/auth/roles';
import { Loaders, RequestLoaders } from 'src/common/loaders';
import { assertUuid } from 'src/common/uuid';
import { Connection, decodeCursor, toConnection } from 'src/common/pagination';
import { MUSIC_LOADERS, toTrackModel, TrackModel } from 'src/music';
import { CATALOG_LOADERS } from './catalog.loaders';
import { toLinkCandidateModel, toLinkEventModel, toSpotifyLinkModel, toWorkModel } from './catalog.mapper';
import { CatalogService } from './catalog.service';
import type { WorkFilterValues } from './works.repository';
import { CreateWorkInput, LinkWorkInput, WorksArgs } from './dto/catalog.inputs';
import {
  LinkCandidateModel,
  LinkEventModel,
  SpotifyLinkModel,
  WorkConnection,
  WorkModel,
} from './models/work.model';

/** Who made a change, for the link history: the caller's role (keys themselves are never stored). */
export const actorOf = (req: Request & { apiRole?: string }): string => `api:${req.apiRole ?? 'anonymous'}`;

@Resolver(() => WorkModel)
export class WorksResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => WorkConnection, { description: 'Works in catalog order (oldest first)' })
  async works(@Args() args: WorksArgs) {
    const filter = args.filter ?? {};
    const rows = await this.catalog.pageWorks(filter, args.first + 1, decodeCursor(args.after));
    const page = toConnection(
      rows,
      args.first,
      0,
      (w) => ({ micros: w.cursorMicros, id: w.id }),
      toWorkModel,
    );
    return { ...page, filter };
  }

  @Query(() => WorkModel, { nullable: true })
  async work(@Args('id', { type: () => ID }) id: string): Promise<WorkModel | null> {
    const [work] = await this.catalog.worksByIds([assertUuid(id, 'id')]);
    return work ? toWorkModel(work) : null;
  }

  @RequireRole('operator')
  @Mutation(() => [WorkModel], { description: 'At most 1000 per call; all or nothing; upsert by externalId' })
  async createWorks(
    @Args('input', { type: () => [CreateWorkInput] }) input: CreateWorkInput[],
  ): Promise<WorkModel[]> {
    return (await this.catalog.createWorks(input)).map(toWorkModel);
  }

  @RequireRole('operator')
  @Mutation(() => WorkModel, { description: 'Checks the track exists on Spotify before linking' })
  async linkWork(
    @Args('input') input: LinkWorkInput,
    @Context('req') req: Request,
    @Loaders() loaders: RequestLoaders,
  ): Promise<WorkModel> {
    return toWorkModel(await this.catalog.linkWork(input.workId, input.spotifyTrack, actorOf(req), loaders));
  }

  @RequireRole('operator')
  @Mutation(() => WorkModel)
  async unlinkWork(@Args('workId', { type: () => ID }) workId: string, @Context('req') req: Request) {
    return toWorkModel(await this.catalog.unlinkWork(assertUuid(workId, 'workId'), actorOf(req)));
  }

  @RequireRole('operator')
  @Mutation(() => WorkModel, { description: "Links a work to one of the auto-linker's candidates" })
  async acceptLinkCandidate(
    @Args('workId', { type: () => ID }) workId: string,
    @Args('trackId') trackId: string,
    @Context('req') req: Request,
    @Loaders() loaders: RequestLoaders,
  ): Promise<WorkModel> {
    return toWorkModel(
      await this.catalog.acceptLinkCandidate(assertUuid(workId, 'workId'), trackId, actorOf(req), loaders),
    );
  }

  @ResolveField(() => SpotifyLinkModel, { nullable: true })
  async spotifyLink(@Parent() work: WorkModel, @Loaders() loaders: RequestLoaders) {
    const link = await loaders.get(CATALOG_LOADERS.linkByWorkId).load(work.id);
    return link ? toSpotifyLinkModel(link) : null;
  }

  @ResolveField(() => TrackModel, { nullable: true, description: "The linked track's record, once known" })
  async track(@Parent() work: WorkModel, @Loaders() loaders: RequestLoaders): Promise<TrackModel | null> {
    const link = await loaders.get(CATALOG_LOADERS.linkByWorkId).load(work.id);
    if (!link) return null;
    const track = await loaders.get(MUSIC_LOADERS.trackById).load(link.trackId);
    return track ? toTrackModel(track) : null;
  }

  @ResolveField(() => [LinkEventModel], { description: 'Every link change, oldest first' })
  async linkHistory(
    @Parent() work: WorkModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<LinkEventModel[]> {
    return (await loaders.get(CATALOG_LOADERS.historyByWorkId).load(work.id)).map(toLinkEventModel);
  }

  @ResolveField(() => [LinkCandidateModel], {
    description: 'Tracks the auto-linker kept for review, best first',
  })
  async linkCandidates(@Parent() work: WorkModel, @Loaders() loaders: RequestLoaders) {
    return (await loaders.get(CATALOG_LOADERS.candidatesByWorkId).load(work.id)).map(toLinkCandidateModel);
  }
}

/** A page of works as `works` returns it: with its filter, for totalCount. */
interface WorkPage extends Connection<WorkModel> {
  filter: WorkFilterValues;
}

@Resolver(() => WorkConnection)
export class WorkConnectionResolver {
  constructor(private readonly catalog: CatalogService) {}

  /** Counted only when a query selects it (a page alone is one statement, not two). */
  @ResolveField(() => Int)
  totalCount(@Parent() page: WorkPage): Promise<number> {
    return this.catalog.countWorks(page.filter);
  }
}
