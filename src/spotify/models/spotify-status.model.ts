import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SpotifyApiModeModel {
  AUTO = 'AUTO',
  EXTENDED = 'EXTENDED',
  DEVELOPMENT = 'DEVELOPMENT',
}

registerEnumType(SpotifyApiModeModel, {
  name: 'SpotifyApiMode',
  description: "Spotify's app modes (design §3); AUTO: learned from Spotify's answers",
});

@ObjectType('SpotifyCapability')
export class SpotifyCapabilityModel {
  @Field({ description: 'e.g. tracks.multiGet, artist.followers, search.limit50' }) name!: string;
  @Field(() => Boolean, { nullable: true, description: 'null: not learned yet (auto mode)' })
  available!: boolean | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When Spotify last showed it; null when set by the setting',
  })
  checkedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'What showed it, e.g. "GET /tracks answered 403"' })
  reason!: string | null;
}

@ObjectType('SpotifyStatus')
export class SpotifyStatusModel {
  @Field(() => SpotifyApiModeModel, {
    description:
      'Effective mode: the SPOTIFY_API_MODE setting, or in auto what the learned multi-gets say (AUTO until known)',
  })
  mode!: SpotifyApiModeModel;
  @Field(() => SpotifyApiModeModel, { description: 'The SPOTIFY_API_MODE setting' })
  configuredMode!: SpotifyApiModeModel;
  @Field({ description: 'True when the built-in Spotify emulator serves Spotify' }) sandbox!: boolean;
  @Field(() => Date, {
    nullable: true,
    description: 'No process calls Spotify before this time (a 429 answer); null when not rate limited',
  })
  rateLimitedUntil!: Date | null;
  @Field(() => [SpotifyCapabilityModel]) capabilities!: SpotifyCapabilityModel[];
}
