import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from 'src/common/loaders';
import { assertSpotifyId } from './spotify-id.arg';
import { toArtistModel, toTrackModel } from './music.mapper';
import { MUSIC_LOADERS, MusicService } from './music.service';
import { ArtistModel } from './models/artist.model';
import { TrackModel } from './models/track.model';

@Resolver(() => TrackModel)
export class TrackResolver {
  constructor(private readonly music: MusicService) {}

  @Query(() => TrackModel, { nullable: true, description: 'A track Soundgraph knows, by its Spotify id' })
  async track(@Args('spotifyId') spotifyId: string): Promise<TrackModel | null> {
    const track = await this.music.trackBySpotifyId(assertSpotifyId(spotifyId, 'spotifyId'));
    return track ? toTrackModel(track) : null;
  }

  @ResolveField(() => [ArtistModel])
  async artists(@Parent() track: TrackModel, @Loaders() loaders: RequestLoaders): Promise<ArtistModel[]> {
    return (await loaders.get(MUSIC_LOADERS.artistsByTrackId).load(track.id)).map(toArtistModel);
  }

  @ResolveField(() => [TrackModel], { description: 'Other tracks with the same ISRC' })
  async duplicates(@Parent() track: TrackModel, @Loaders() loaders: RequestLoaders): Promise<TrackModel[]> {
    return (await loaders.get(MUSIC_LOADERS.duplicatesByTrackId).load(track.id)).map(toTrackModel);
  }
}

@Resolver(() => ArtistModel)
export class ArtistResolver {
  constructor(private readonly music: MusicService) {}

  @Query(() => ArtistModel, { nullable: true, description: 'An artist Soundgraph knows, by Spotify id' })
  async artist(@Args('spotifyId') spotifyId: string): Promise<ArtistModel | null> {
    const artist = await this.music.artistBySpotifyId(assertSpotifyId(spotifyId, 'spotifyId'));
    return artist ? toArtistModel(artist) : null;
  }
}
