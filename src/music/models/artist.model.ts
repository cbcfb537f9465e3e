import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Artist')
export class ArtistModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) spotifyId!: string | null;
  @Field(() => String, { nullable: true }) soundchartsUuid!: string | null;
  @Field() name!: string;
}
