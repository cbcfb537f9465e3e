import { Query, Resolver } from '@nestjs/graphql';
import { SpotifyStatusModel } from './models/spotify-status.model';
import { SpotifyService } from './spotify.service';
import { toSpotifyStatusModel } from './spotify-status.mapper';

@Resolver(() => SpotifyStatusModel)
export class SpotifyStatusResolver {
  constructor(private readonly spotify: SpotifyService) {}

  @Query(() => SpotifyStatusModel, {
    description:
      'What this Spotify app can do (capabilities), its mode, and whether Spotify is rate limiting us',
  })
  async spotifyStatus(): Promise<SpotifyStatusModel> {
    return toSpotifyStatusModel(await this.spotify.status());
  }
}
