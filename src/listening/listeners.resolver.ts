import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { assertUuid } from 'src/common/uuid';
import { JobRunModel, toJobRunModel } from 'src/jobs';
import { ImportListeningHistoryArgs } from './dto/listening.args';
import { ListeningService } from './listening.service';
import { toListenerModel } from './listening.mapper';
import { ListenerModel } from './models/listener.model';

@Resolver(() => ListenerModel)
export class ListenersResolver {
  constructor(private readonly listening: ListeningService) {}

  @Query(() => [ListenerModel], { description: 'Every listener, oldest first' })
  async listeners(): Promise<ListenerModel[]> {
    return (await this.listening.list()).map(toListenerModel);
  }

  @Query(() => ListenerModel, { nullable: true })
  async listener(@Args('id', { type: () => ID }) id: string): Promise<ListenerModel | null> {
    const [listener] = await this.listening.byIds([assertUuid(id, 'id')]);
    return listener ? toListenerModel(listener) : null;
  }

  @RequireRole('operator')
  @Mutation(() => ListenerModel, {
    description: 'Forgets the Spotify refresh token (polling stops); the listening history stays',
  })
  async disconnectListener(@Args('id', { type: () => ID }) id: string): Promise<ListenerModel> {
    return toListenerModel(await this.listening.disconnect(id));
  }

  @RequireRole('operator')
  @Mutation(() => ListenerModel, { description: "Moves the listener's analytics to another IANA time zone" })
  async setListenerTimeZone(
    @Args('id', { type: () => ID }) id: string,
    @Args('timeZone') timeZone: string,
  ): Promise<ListenerModel> {
    return toListenerModel(await this.listening.setTimeZone(id, timeZone));
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: 'Imports a Spotify data-export file (extended streaming history or account data) as a job',
  })
  async importListeningHistory(@Args() args: ImportListeningHistoryArgs): Promise<JobRunModel> {
    return toJobRunModel(await this.listening.startImport(args.listenerId, args.file));
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: "Polls connected listeners' recently played now (default: all)",
  })
  async ingestRecentlyPlayed(
    @Args('listenerIds', { type: () => [ID], nullable: true }) listenerIds?: string[],
  ): Promise<JobRunModel> {
    return toJobRunModel(await this.listening.startIngest(listenerIds ?? undefined));
  }
}
