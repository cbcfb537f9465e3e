import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from 'src/common/pagination';

export enum GenreSourceEnum {
  SPOTIFY = 'SPOTIFY',
  SOUNDCHARTS = 'SOUNDCHARTS',
  INFERRED = 'INFERRED',
}
registerEnumType(GenreSourceEnum, { name: 'GenreSource' });

@ObjectType('Image')
export class ImageModel {
  @Field() url!: string;
  @Field(() => Int, { nullable: true }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
}

@ObjectType('Artist')
export class ArtistModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) spotifyId!: string | null;
  @Field(() => String, { nullable: true }) soundchartsUuid!: string | null;
  @Field() name!: string;
  @Field(() => [String]) genres!: string[];
  @Field(() => GenreSourceEnum, { nullable: true }) genreSource!: GenreSourceEnum | null;
  @Field(() => Int, { nullable: true }) popularity!: number | null;
  @Field(() => Int, { nullable: true }) followers!: number | null;
  @Field(() => [ImageModel]) images!: ImageModel[];
  @Field(() => String, { nullable: true, description: 'Spotify web player URL' }) externalUrl!: string | null;
  @Field(() => Date, { nullable: true }) enrichedAt!: Date | null;
}

export const ArtistConnection = ConnectionType(ArtistModel, 'Artist');
