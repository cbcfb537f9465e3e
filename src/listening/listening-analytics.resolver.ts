import { Args, Query, Resolver } from '@nestjs/graphql';
import { ListeningRangeArgs, ListeningYearArgs } from './dto/listening.args';
import { ListeningService } from './listening.service';
import {
  ListeningDayModel,
  ListeningGenreModel,
  ListeningHeatmapCellModel,
  ListeningMonthModel,
} from './models/listening-analytics.model';

/** Analytics in the listener's time zone, from the materialized summaries (refreshed after each ingestion). */
@Resolver()
export class ListeningAnalyticsResolver {
  constructor(private readonly listening: ListeningService) {}

  @Query(() => [ListeningDayModel], { description: 'Days with plays, oldest first (at most 366 days)' })
  listeningDaily(@Args() args: ListeningRangeArgs): Promise<ListeningDayModel[]> {
    return this.listening.daily(args.listenerId, args.from, args.to);
  }

  @Query(() => [ListeningGenreModel], { description: 'Primary genres by plays, most played first' })
  listeningGenres(@Args() args: ListeningRangeArgs): Promise<ListeningGenreModel[]> {
    return this.listening.genres(args.listenerId, args.from, args.to);
  }

  @Query(() => [ListeningMonthModel], { description: 'The twelve months of the year, with growth' })
  listeningMonthly(@Args() args: ListeningYearArgs): Promise<ListeningMonthModel[]> {
    return this.listening.monthly(args.listenerId, args.year);
  }

  @Query(() => [ListeningHeatmapCellModel], { description: 'Plays by local weekday and hour: 7 × 24 cells' })
  listeningHeatmap(@Args() args: ListeningRangeArgs): Promise<ListeningHeatmapCellModel[]> {
    return this.listening.heatmap(args.listenerId, args.from, args.to);
  }
}
