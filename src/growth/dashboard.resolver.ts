import { Args, Query, Resolver } from '@nestjs/graphql';
import { ActionItemKindEnum, DashboardModel } from './models/dashboard.model';
import { DashboardService } from './dashboard.service';

@Resolver()
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Query(() => DashboardModel, {
    description:
      'Catalog, Spotify status, visibility, growth, 30-day trends, top tracks and action items of an artist',
  })
  async dashboard(@Args('spotifyId') spotifyId: string): Promise<DashboardModel> {
    const view = await this.dashboards.build(spotifyId);
    return {
      ...view,
      actionItems: view.actionItems.map((a) => ({ ...a, kind: ActionItemKindEnum[a.kind] })),
    };
  }
}
