import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Track')
export class TrackModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) spotifyId!: string | null;
  @Field(() => String, { nullable: true }) soundchartsUuid!: string | null;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) isrc!: string | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => String, { nullable: true, description: 'Album of the Spotify track, when known' })
  albumName!: string | null;
}
