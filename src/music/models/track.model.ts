import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from 'src/common/pagination';
import { Difficulty } from '../difficulty';

@ObjectType('ValueProvenance', { description: 'Where a stored value came from, and when' })
export class ValueProvenanceModel {
  @Field() field!: string;
  @Field({ description: 'SPOTIFY or SOUNDCHARTS' }) source!: string;
  @Field(() => Date, { nullable: true }) fetchedAt!: Date | null;
}

@ObjectType('Track')
export class TrackModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) spotifyId!: string | null;
  @Field(() => String, { nullable: true }) soundchartsUuid!: string | null;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) isrc!: string | null;
  @Field(() => Int, { nullable: true, description: 'null when unknown or unavailable to this Spotify app' })
  popularity!: number | null;
  @Field(() => Difficulty, { nullable: true, description: 'null when popularity is null' })
  difficulty!: Difficulty | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => String, { nullable: true, description: 'Album of the Spotify track, when known' })
  albumName!: string | null;
  @Field(() => Date, { nullable: true }) enrichedAt!: Date | null;
  @Field(() => [ValueProvenanceModel]) provenance!: ValueProvenanceModel[];
}

export const TrackConnection = ConnectionType(TrackModel, 'Track');
