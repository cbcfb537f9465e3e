import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from 'src/common/loaders';
import { MUSIC_LOADERS, toTrackModel, TrackModel } from 'src/music';
import { ChartEntryModel } from './models/chart.model';

@Resolver(() => ChartEntryModel)
export class ChartEntryResolver {
  @ResolveField(() => TrackModel)
  async track(@Parent() entry: ChartEntryModel, @Loaders() loaders: RequestLoaders): Promise<TrackModel> {
    const track = await loaders.get(MUSIC_LOADERS.trackById).load(entry.trackId);
    if (!track)
      throw new Error(`chart entry of song ${entry.songUuid} points at missing track ${entry.trackId}`);
    return toTrackModel(track);
  }
}
