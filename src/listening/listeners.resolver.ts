import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { assertUuid } from 'src/common/uuid';
import { JobRunModel, toJobRunModel } from 'src/jobs';
import { ImportListeningHistoryArgs, ListenerLoginLinkArgs } from './dto/listening.args';
import { ListeningAuthService } from './listening-auth.service';
import { ListeningService } from './listening.service';
import { toListenerModel } from './listening.mapper';
import { ListenerLoginLinkModel, ListenerModel } from './models/listener.model';

@Resolver(() => ListenerModel)
export class ListenersResolver {
  constructor(
    private readonly listening: ListeningService,
    private readonly auth: ListeningAuthService,
  ) {}

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
  @Mutation(() => ListenerLoginLinkModel, {
    description:
      'A single-use link (valid one hour) that connects a Spotify account as a listener: open it in a browser, or ' +
      'send it to the listener; unlike GET /auth/spotify/login?key=, it holds no API key',
  })
  async createListenerLoginLink(@Args() args: ListenerLoginLinkArgs): Promise<ListenerLoginLinkModel> {
    return this.auth.loginLink({
      timeZone: args.timeZone ?? undefined,
      name: args.displayName ?? undefined,
    });
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
